using System.Diagnostics;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History;

/// <summary>What one pass of a rollup did: hosts looked at, tier rows written, transactions.</summary>
public sealed record RollupResult(int Hosts, long Rows, int Chunks, TimeSpan Elapsed);

/// <summary>
/// Sums each host's snapshot rows into <c>snapshot_minutes</c> (sum, lowest and highest value of
/// each metric), minute by minute, from where the
/// host's rollup stands (<c>snapshot_minutes_until</c>) up to the whole minute a lag
/// (<see cref="DefaultLag"/>) before now. Each chunk is one short transaction that also moves
/// the host's mark, so a row is summed either here (stored before its minute was reached) or
/// by <see cref="SnapshotWriter"/> (stored after), never both, never neither.
/// </summary>
public sealed class MinuteRollupStore(LumenDatabase database, TimeSpan lag)
{
    /// <summary>
    /// How old a minute must be before it is summed when the batcher flushes every 60 s: a
    /// minute's rows reach SQLite within a flush interval, so by then they are normally all
    /// stored and the writer seldom has a late row to add. Correctness does not depend on it;
    /// only the writer's work does.
    /// </summary>
    public static readonly TimeSpan DefaultLag = TimeSpan.FromMinutes(3);

    public MinuteRollupStore(LumenDatabase database) : this(database, DefaultLag) { }

    /// <summary>The lag for a batcher that flushes every <paramref name="flushEvery"/>: a flush interval and two minutes.</summary>
    public static TimeSpan LagFor(TimeSpan flushEvery) => flushEvery + TimeSpan.FromMinutes(2);

    public TimeSpan Lag => lag;

    /// <summary>At most this much of one host's history per transaction (4,320 rows at 5 s), so a catch-up never holds the write lock long.</summary>
    public static readonly TimeSpan MaxChunk = TimeSpan.FromHours(6);

    /// <summary><see cref="TierSums.MinuteOf"/> in SQL: floored, also before 1970.</summary>
    internal const string MinuteOfTs = "ts - (ts % 60000 + 60000) % 60000";

    /// <summary>Adds to a minute that already has a row: the writer's late rows always meet one; a pass never does, but adding would be right.</summary>
    internal static readonly string AddToMinute = $"""
        ON CONFLICT (host_id, minute_ts) DO UPDATE SET
            samples = samples + excluded.samples, {ScalarColumns.MergeExcluded}
        """;

    private static readonly string SumChunkSql = $"""
        INSERT INTO snapshot_minutes (host_id, minute_ts, samples, {ScalarColumns.TierNames})
        SELECT host_id, {MinuteOfTs}, count(*), {ScalarColumns.TierOfRaw}
        FROM snapshots
        WHERE host_id = $host AND ts >= $from AND ts < $to AND EXISTS (SELECT 1 FROM hosts WHERE id = $host)
        GROUP BY {MinuteOfTs}
        {AddToMinute};
        """;

    /// <summary>
    /// Only while the host exists: a host removed during a pass leaves no mark or minutes behind
    /// (its removal deletes the host row first, then its marks and minutes).
    /// </summary>
    private const string MarkSql = """
        INSERT INTO snapshot_minutes_until (host_id, until_ms)
        SELECT $host, $to WHERE EXISTS (SELECT 1 FROM hosts WHERE id = $host)
        ON CONFLICT (host_id) DO UPDATE SET until_ms = excluded.until_ms;
        """;

    /// <summary>Sums every host's minutes that are at least <see cref="Lag"/> old at <paramref name="now"/> and not summed yet.</summary>
    public RollupResult RollUp(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var target = TierSums.MinuteOf((now - Lag).ToUnixTimeMilliseconds());
        using var connection = database.Open();
        long minutes = 0;
        var chunks = 0;
        var hosts = Hosts(connection);
        foreach (var host in hosts)
        {
            // A host never summed starts at its oldest row: nothing before it needs a pass.
            var from = Until(connection, host) ?? TierSums.MinuteOf(OldestTs(connection, host) ?? target);
            while (from < target)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var to = Math.Min(target, from + (long)MaxChunk.TotalMilliseconds);
                minutes += SumChunk(connection, host, from, to);
                chunks++;
                from = to;
            }
        }
        return new RollupResult(hosts.Count, minutes, chunks, Stopwatch.GetElapsedTime(started));
    }

    /// <returns>minutes written: the chunk's minutes and the host's new mark commit together.</returns>
    private static int SumChunk(SqliteConnection connection, HostId host, long from, long to) =>
        SumChunkWithMark(connection, SumChunkSql, MarkSql, host, from, to);

    /// <summary>
    /// Runs a tier's chunk statement and then its mark statement in one transaction, so the
    /// rows summed and the mark that says so commit together (a crash leaves neither).
    /// </summary>
    /// <returns>rows the chunk wrote.</returns>
    internal static int SumChunkWithMark(SqliteConnection connection, string sumSql, string markSql, HostId host, long from, long to,
        long? size = null)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sumSql;
        command.Parameters.AddWithValue("$host", host.Value);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        if (size is { } value) command.Parameters.AddWithValue("$size", value);
        var rows = command.ExecuteNonQuery();
        command.CommandText = markSql;
        command.ExecuteNonQuery();
        transaction.Commit();
        return rows;
    }

    private static List<HostId> Hosts(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM hosts ORDER BY id;";
        using var reader = command.ExecuteReader();
        var hosts = new List<HostId>();
        while (reader.Read()) hosts.Add(new HostId(reader.GetInt64(0)));
        return hosts;
    }

    private static long? Until(SqliteConnection connection, HostId host) =>
        Scalar(connection, "SELECT until_ms FROM snapshot_minutes_until WHERE host_id = $host;", host);

    private static long? OldestTs(SqliteConnection connection, HostId host) =>
        Scalar(connection, "SELECT min(ts) FROM snapshots WHERE host_id = $host;", host);

    private static long? Scalar(SqliteConnection connection, string sql, HostId host)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$host", host.Value);
        return command.ExecuteScalar() is long value ? value : null;
    }
}
