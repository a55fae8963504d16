using Microsoft.Data.Sqlite;

namespace Lumen.Faults.Specs.Support;

/// <summary>Every (host, ts) in the hub's <c>snapshots</c> table, read straight from the file.</summary>
public sealed class StoredRows
{
    private readonly HashSet<(long Host, long TsMs)> _rows;

    private StoredRows(HashSet<(long, long)> rows, long total) => (_rows, Total) = (rows, total);

    /// <summary>Rows in the table; with the (host_id, ts) key no row can be there twice, and this says so again.</summary>
    public long Total { get; }
    public int Distinct => _rows.Count;

    public bool Contains(long host, long tsMs) => _rows.Contains((host, tsMs));

    public int CountFor(long host) => _rows.Count(r => r.Host == host);

    public IReadOnlyList<long> TsFor(long host) => _rows.Where(r => r.Host == host).Select(r => r.TsMs).Order().ToList();

    public static StoredRows Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT host_id, ts FROM snapshots;";
        using var reader = command.ExecuteReader();
        var rows = new HashSet<(long, long)>();
        long total = 0;
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
            total++;
        }
        return new StoredRows(rows, total);
    }

    /// <summary>Which of <paramref name="frames"/> are not stored.</summary>
    public IReadOnlyList<(long Host, long TsMs)> Missing(IEnumerable<(long Host, long TsMs)> frames) =>
        frames.Where(f => !_rows.Contains(f)).ToList();
}
