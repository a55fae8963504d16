using Lumen.Bench.Load;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.Fixtures;

/// <summary>
/// A hub database made for one run: migrated, with hosts registered through the hub's own
/// <see cref="HostStore"/> (the library, because the CLI starts a process per host).
/// </summary>
public sealed class BenchDatabase(string path)
{
    public LumenDatabase Database { get; } = new(path);
    public string Path => Database.Path;

    public IReadOnlyList<SimulatedAgent> CreateWithHosts(int count)
    {
        Database.Initialise();
        var store = new HostStore(Database, TimeProvider.System);
        var agents = new List<SimulatedAgent>(count);
        for (var i = 0; i < count; i++)
        {
            var issued = store.Add($"bench-{i:D5}");
            agents.Add(new SimulatedAgent(i, issued.Host.Id, issued.Host.Name, issued.Token));
        }
        return agents;
    }

    /// <summary>Snapshot rows with a ts at or after <paramref name="from"/>, i.e. written by one phase.</summary>
    public long RowsSince(DateTimeOffset from) =>
        Scalar("SELECT count(*) FROM snapshots WHERE ts >= $from;", from);

    /// <summary>Hosts with at least one row at or after <paramref name="from"/>.</summary>
    public long HostsWithRowsSince(DateTimeOffset from) =>
        Scalar("SELECT count(DISTINCT host_id) FROM snapshots WHERE ts >= $from;", from);

    private long Scalar(string sql, DateTimeOffset from)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Lets go of pooled connections so the hub child is the only one holding the file.</summary>
    public static void ReleaseConnections() => SqliteConnection.ClearAllPools();
}
