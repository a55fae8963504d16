using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// What a Go hub's database holds: its goose version and the columns of each table, read from
/// the file itself. Versions 3 (users, hosts and snapshots exist) to 25 (v0.7.7) are read by
/// their columns: a table or column a version does not have yet reads as the default the Go
/// migration that later added it gives (for example no <c>silenced_until</c> before 14, no
/// maintenance windows before 22), and counts nothing. A newer version is refused: its columns
/// may mean something this importer does not know.
/// </summary>
public sealed class GoSchema
{
    public const int OldestReadable = 3;

    /// <summary>Go Lumen v0.7.7, the schema of go-lumen-compat §1.</summary>
    public const int Newest = 25;

    private static readonly string[] RequiredTables = ["hosts", "users", "snapshots"];

    private readonly Dictionary<string, HashSet<string>> _columns;

    private GoSchema(int version, Dictionary<string, HashSet<string>> columns) => (Version, _columns) = (version, columns);

    public int Version { get; }

    public bool Has(string table) => _columns.ContainsKey(table);

    public bool Has(string table, string column) => _columns.TryGetValue(table, out var columns) && columns.Contains(column);

    /// <summary>The column itself where the table has it, otherwise <paramref name="otherwise"/> (an SQL literal), for a SELECT list.</summary>
    public string ColumnOr(string table, string column, string otherwise) => Has(table, column) ? column : $"{otherwise} AS {column}";

    /// <exception cref="GoImportException">not SQLite, not a Go hub's database, or a goose version this importer does not read.</exception>
    public static GoSchema Read(SqliteTransaction transaction, string path)
    {
        Dictionary<string, HashSet<string>> columns;
        try
        {
            columns = Tables(transaction);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            throw new GoImportException($"{path} is not an SQLite database");
        }
        if (!columns.ContainsKey("goose_db_version"))
            throw new GoImportException($"{path} is not a Go Lumen hub's database (it has no goose_db_version table)");
        var version = GooseVersion(transaction)
            ?? throw new GoImportException($"{path} records no applied goose migration; it is not a Go Lumen hub's database");
        if (version > Newest)
            throw new GoImportException($"{path} is at goose version {version}, newer than this importer reads ({OldestReadable}–{Newest}, Go Lumen up to v0.7.7); import it with a newer Lumen hub");
        if (version < OldestReadable)
            throw new GoImportException($"{path} is at goose version {version}, older than this importer reads ({OldestReadable}–{Newest}); start a Go Lumen hub on it once to upgrade it");
        foreach (var table in RequiredTables)
            if (!columns.ContainsKey(table))
                throw new GoImportException($"{path} has no {table} table; it is not a Go Lumen hub's database");
        return new GoSchema(version, columns);
    }

    private static Dictionary<string, HashSet<string>> Tables(SqliteTransaction transaction)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT t.name, c.name FROM sqlite_schema t JOIN pragma_table_info(t.name) c
            WHERE t.type = 'table';
            """;
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (!tables.TryGetValue(reader.GetString(0), out var columns)) tables[reader.GetString(0)] = columns = new(StringComparer.Ordinal);
            columns.Add(reader.GetString(1));
        }
        return tables;
    }

    /// <summary>
    /// As goose reads it: the newest row of each version decides, newest id first; a version
    /// whose newest row was rolled back (<c>is_applied = 0</c>) is passed over.
    /// </summary>
    private static int? GooseVersion(SqliteTransaction transaction)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version_id, is_applied FROM goose_db_version ORDER BY id DESC;";
        using var reader = command.ExecuteReader();
        var seen = new HashSet<long>();
        while (reader.Read())
        {
            var version = reader.GetInt64(0);
            if (!seen.Add(version)) continue;
            if (reader.GetBoolean(1) && version > 0) return (int)Math.Min(version, int.MaxValue);
        }
        return null;
    }
}
