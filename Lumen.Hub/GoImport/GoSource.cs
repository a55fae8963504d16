using Lumen.Protocol.Ingest;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// A Go hub's database opened read-only, with one read transaction held from the first read to
/// the last, so every table (snapshots included) is read from the same consistent snapshot
/// while a running Go hub goes on writing. The file is never written: the connection is
/// read-only and <c>query_only</c>, so SQLite cannot checkpoint its WAL either.
/// </summary>
public sealed class GoSource : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private GoSource(string path, SqliteConnection connection, SqliteTransaction transaction, GoSchema schema) =>
        (Path, _connection, _transaction, Schema) = (path, connection, transaction, schema);

    public string Path { get; }
    public GoSchema Schema { get; }
    internal SqliteConnection Connection => _connection;
    internal SqliteTransaction Transaction => _transaction;

    /// <exception cref="GoImportException">a missing file, not SQLite, not a Go hub's database, a goose version not read.</exception>
    public static GoSource Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new GoImportException($"{full} is a folder; give the Go hub's database file (lumen.db)");
        if (!File.Exists(full)) throw new GoImportException($"{full} does not exist");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // A running Go hub may hold the write lock for a moment; a read waits for it as the Go hub's own readers do.
                pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;";
                pragmas.ExecuteNonQuery();
            }
            var transaction = connection.BeginTransaction(deferred: true);
            return new GoSource(full, connection, transaction, GoSchema.Read(transaction, full));
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new GoImportException(e.SqliteErrorCode == 26 ? $"{full} is not an SQLite database" : $"{full} cannot be read: {e.Message}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public GoContents ReadContents() => new(
        ReadHosts(), ReadUsers(),
        Read("settings", "SELECT key, value FROM settings ORDER BY key;", r => new GoSetting(r.GetString(0), r.GetString(1))),
        Read("tags", $"SELECT key, {Column("tags", "description", "''")}, {Column("tags", "created_at", "NULL")}, {Column("tags", "updated_at", "NULL")} FROM tags ORDER BY key;",
            r => new GoTag(r.GetString(0), r.GetString(1), Ms(r, 2), Ms(r, 3))),
        Read("tag_values", $"SELECT tag_key, value, {Column("tag_values", "created_at", "NULL")} FROM tag_values ORDER BY tag_key, value;",
            r => new GoTagValue(r.GetString(0), r.GetString(1), Ms(r, 2))),
        Read("host_tags", "SELECT host_id, key, value FROM host_tags ORDER BY host_id, key;", r => new GoHostTag(r.GetInt64(0), r.GetString(1), r.GetString(2))),
        ReadRules(), ReadChannels(),
        Read("alert_rule_channels", "SELECT rule_id, channel_id FROM alert_rule_channels ORDER BY rule_id, channel_id;", r => new GoRuleChannel(r.GetInt64(0), r.GetInt64(1))),
        Read("maintenance_windows", "SELECT id, start_at, end_at, reason, scope_tags, created_at FROM maintenance_windows ORDER BY id;",
            r => new GoMaintenanceWindow(r.GetInt64(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Ms(r, 5))),
        CountNotImported());

    /// <summary>Tables this hub has no place for (or that the import leaves out), with their row counts.</summary>
    public static readonly IReadOnlyList<string> TablesNotImported =
        ["alert_events", "notification_deliveries", "api_keys", "host_share_tokens", "user_prefs", "web_push_subscriptions", "webauthn_credentials"];

    private Dictionary<string, long> CountNotImported() =>
        TablesNotImported.Where(Schema.Has).ToDictionary(table => table, table => Scalar($"SELECT count(*) FROM {table};"));

    private List<GoHost> ReadHosts()
    {
        string C(string column, string otherwise = "NULL") => Column("hosts", column, otherwise);
        var sql = $"""
            SELECT id, name, token_hash, {C("created_at")}, {C("last_seen_at")}, {C("system_os")}, {C("system_hostname")},
                   {C("system_primary_ip")}, {C("system_kernel")}, {C("system_arch")}, {C("system_cpu_model")},
                   {C("system_uptime_seconds")}, {C("agent_version")}, {C("system_virt_type")}, {C("metadata_updated_at")},
                   {C("silenced_until")}, {C("public_visible", "0")}
            FROM hosts ORDER BY id;
            """;
        return Read("hosts", sql, r => new GoHost(r.GetInt64(0), r.GetString(1), r.GetString(2), Ms(r, 3), MsOrNull(r, 4),
            SystemOf(r), MsOrNull(r, 14), r.IsDBNull(15) ? null : r.GetInt64(15), !r.IsDBNull(16) && r.GetInt64(16) != 0));
    }

    /// <summary>The system columns as this hub keeps them (one JSON object), or null when the agent never sent any.</summary>
    private static SystemInfo? SystemOf(SqliteDataReader r)
    {
        if (Enumerable.Range(5, 9).All(r.IsDBNull)) return null;
        return new SystemInfo
        {
            Os = Text(r, 5), Hostname = Text(r, 6), PrimaryIp = Text(r, 7), Kernel = Text(r, 8), Arch = Text(r, 9), CpuModel = Text(r, 10),
            UptimeSeconds = r.IsDBNull(11) ? 0 : r.GetInt64(11), AgentVersion = Text(r, 12), VirtType = Text(r, 13),
        };
    }

    private List<GoUser> ReadUsers() =>
        Read("users", $"SELECT username, password_hash, {Column("users", "created_at", "NULL")} FROM users ORDER BY id;",
            r => new GoUser(r.GetString(0), r.GetString(1), Ms(r, 2)));

    private List<GoRule> ReadRules()
    {
        string C(string column, string otherwise) => Column("alert_rules", column, otherwise);
        var sql = $"""
            SELECT id, name, metric, {C("comparator", "'gt'")}, {C("threshold", "0")}, {C("for_seconds", "0")}, {C("cooldown_seconds", "0")},
                   {C("host", "NULL")}, {C("host_selector", "''")}, {C("severity", "'warning'")}, {C("enabled", "1")}, {C("created_at", "NULL")}
            FROM alert_rules ORDER BY id;
            """;
        return Read("alert_rules", sql, r => new GoRule(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4),
            r.GetInt64(5), r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9), r.GetInt64(10) != 0, Ms(r, 11)));
    }

    private List<GoChannel> ReadChannels()
    {
        string C(string column, string otherwise) => Column("notification_channels", column, otherwise);
        var sql = $"""
            SELECT id, name, type, {C("config", "'{}'")}, {C("enabled", "1")}, {C("min_severity", "'info'")}, {C("created_at", "NULL")}
            FROM notification_channels ORDER BY id;
            """;
        return Read("notification_channels", sql, r => new GoChannel(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
            r.GetInt64(4) != 0, r.GetString(5), Ms(r, 6)));
    }

    private string Column(string table, string column, string otherwise) => Schema.ColumnOr(table, column, otherwise);

    /// <summary>The rows of a query on <paramref name="table"/>, or none when this version of the Go schema does not have it.</summary>
    private List<T> Read<T>(string table, string sql, Func<SqliteDataReader, T> row)
    {
        var rows = new List<T>();
        if (!Schema.Has(table)) return rows;
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    internal long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A DATETIME in any of the Go forms; one missing or unreadable reads as 0 (the importer puts the import's time there).</summary>
    private static long Ms(SqliteDataReader r, int i) => MsOrNull(r, i) ?? 0;

    private static long? MsOrNull(SqliteDataReader r, int i) =>
        !r.IsDBNull(i) && GoTimestamp.TryParse(Text(r, i), out var ms) ? ms : null;

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
