using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Specs.GoImport;

/// <summary>How a Go hub wrote a DATETIME (go-lumen-compat §1.3).</summary>
public enum GoTimeForm
{
    /// <summary>SQLite's CURRENT_TIMESTAMP: <c>2026-05-29 08:30:00</c>.</summary>
    A,

    /// <summary>RFC 3339 nano in UTC, trailing zeros trimmed: <c>2026-05-26T06:18:00.123Z</c>.</summary>
    B,

    /// <summary>Go's <c>time.Time.String()</c>: <c>2026-05-29 08:30:00.123 +0000 UTC</c>, here with a monotonic reading.</summary>
    C,
}

/// <summary>
/// A Go Lumen v0.7.7 hub's SQLite file, built by the spec from the schema documented in
/// go-lumen-compat §1 (goose version 25), in WAL as the Go hub keeps it, with real <c>lum_</c>
/// tokens (stored as the hex SHA-256 the Go hub stores) and real Argon2id PHC hashes
/// (m=19456, t=2, p=1, 16-byte salt, 32-byte key, as the Go hub makes them).
/// </summary>
public sealed class GoHubDatabase : IDisposable
{
    public const string Schema = """
        CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));
        CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, ts DATETIME NOT NULL,
            cpu_pct REAL NOT NULL DEFAULT 0, ram_pct REAL NOT NULL DEFAULT 0, swap_pct REAL NOT NULL DEFAULT 0, disk_pct REAL NOT NULL DEFAULT 0,
            load1 REAL NOT NULL DEFAULT 0, load5 REAL NOT NULL DEFAULT 0, load15 REAL NOT NULL DEFAULT 0, net_rx_bps REAL NOT NULL DEFAULT 0,
            net_tx_bps REAL NOT NULL DEFAULT 0, disk_r_bps REAL NOT NULL DEFAULT 0, disk_w_bps REAL NOT NULL DEFAULT 0, temp_c REAL NOT NULL DEFAULT 0);
        CREATE INDEX idx_snapshots_host_ts ON snapshots(host, ts);
        CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE hosts (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE COLLATE NOCASE, token_hash TEXT NOT NULL UNIQUE,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, last_seen_at DATETIME, system_os TEXT, system_hostname TEXT, system_primary_ip TEXT,
            system_kernel TEXT, system_arch TEXT, system_cpu_model TEXT, system_uptime_seconds INTEGER, agent_version TEXT, metadata_updated_at DATETIME,
            silenced_until INTEGER, system_virt_type TEXT, public_visible BOOLEAN NOT NULL DEFAULT 0);
        CREATE INDEX idx_hosts_token_hash ON hosts(token_hash);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE alert_rules (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, metric TEXT NOT NULL, comparator TEXT NOT NULL DEFAULT 'gt',
            threshold REAL NOT NULL DEFAULT 0, for_seconds INTEGER NOT NULL DEFAULT 0, host TEXT, severity TEXT NOT NULL DEFAULT 'warning',
            enabled INTEGER NOT NULL DEFAULT 1, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            host_selector TEXT NOT NULL DEFAULT '', cooldown_seconds INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE notification_channels (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, type TEXT NOT NULL, config TEXT NOT NULL,
            owner_type TEXT NOT NULL DEFAULT 'admin', enabled INTEGER NOT NULL DEFAULT 1, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, min_severity TEXT NOT NULL DEFAULT 'info');
        CREATE TABLE alert_events (id INTEGER PRIMARY KEY AUTOINCREMENT, rule_id INTEGER NOT NULL, rule_name TEXT NOT NULL, host TEXT NOT NULL, metric TEXT NOT NULL,
            severity TEXT NOT NULL, state TEXT NOT NULL, value REAL, message TEXT NOT NULL, started_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, resolved_at DATETIME);
        CREATE INDEX idx_alert_events_state ON alert_events(state, started_at);
        CREATE TABLE alert_rule_channels (rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
            channel_id INTEGER NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE, PRIMARY KEY (rule_id, channel_id));
        CREATE INDEX idx_alert_rule_channels_channel ON alert_rule_channels(channel_id);
        CREATE TABLE host_tags (host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (host_id, key));
        CREATE INDEX idx_host_tags_kv ON host_tags(key, value);
        CREATE TABLE notification_deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
            channel_id INTEGER NOT NULL, channel_name TEXT NOT NULL, channel_type TEXT NOT NULL, severity TEXT NOT NULL DEFAULT 'info',
            status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, http_status INTEGER, error TEXT, next_retry_at DATETIME,
            payload TEXT NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, sent_at DATETIME, digest_window TEXT NOT NULL DEFAULT '',
            next_flush_at DATETIME, rows_count INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE tags (key TEXT PRIMARY KEY, description TEXT NOT NULL DEFAULT '', created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE tag_values (tag_key TEXT NOT NULL REFERENCES tags(key) ON DELETE CASCADE ON UPDATE CASCADE, value TEXT NOT NULL,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (tag_key, value));
        CREATE INDEX idx_tag_values_value ON tag_values(value);
        CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, preview TEXT NOT NULL, scopes TEXT NOT NULL,
            host_filter TEXT, last_used_at INTEGER, created_at INTEGER NOT NULL DEFAULT (strftime('%s','now')));
        CREATE TABLE user_prefs (user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, key TEXT NOT NULL, json_value TEXT NOT NULL,
            updated_at INTEGER NOT NULL, PRIMARY KEY (user_id, key));
        CREATE TABLE web_push_subscriptions (id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id INTEGER NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
            endpoint TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            UNIQUE (channel_id, endpoint));
        CREATE TABLE maintenance_windows (id INTEGER PRIMARY KEY AUTOINCREMENT, start_at DATETIME NOT NULL, end_at DATETIME NOT NULL, reason TEXT NOT NULL DEFAULT '',
            scope_tags TEXT NOT NULL DEFAULT '{}', created_by INTEGER REFERENCES users(id) ON DELETE SET NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE host_share_tokens (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
            expires_at DATETIME NOT NULL, label TEXT NOT NULL DEFAULT '', created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE webauthn_credentials (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            credential_id BLOB NOT NULL UNIQUE, public_key BLOB NOT NULL, attestation_type TEXT NOT NULL DEFAULT 'none', transports TEXT NOT NULL DEFAULT '[]',
            sign_count INTEGER NOT NULL DEFAULT 0, aaguid BLOB, label TEXT NOT NULL DEFAULT '', backup_eligible INTEGER NOT NULL DEFAULT 0,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, last_used_at DATETIME);
        """;

    private readonly SqliteConnection _connection;

    public GoHubDatabase(string folder, int gooseVersion = 25)
    {
        Path = System.IO.Path.Combine(folder, "go-lumen.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, ForeignKeys = false }.ToString());
        _connection.Open();
        // The Go hub never turns foreign keys on, so its files hold orphans (§1); this driver's build turns them on by default.
        Execute($"PRAGMA foreign_keys = OFF; PRAGMA journal_mode = WAL; {Schema}");
        // As goose leaves it: version 0 at its start, then one row per migration applied.
        for (var version = 0; version <= gooseVersion; version++) Execute($"INSERT INTO goose_db_version (version_id, is_applied) VALUES ({version}, 1);");
    }

    public string Path { get; }

    /// <summary>Adds a host as the Go hub does and answers its agent token (<c>lum_</c> + base64url of 32 random bytes).</summary>
    public string AddHost(string name, DateTimeOffset? lastSeen = null, long? silencedUntil = null, string? os = null)
    {
        var token = "lum_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Execute("INSERT INTO hosts (name, token_hash, last_seen_at, silenced_until, system_os, system_hostname, agent_version) VALUES ($name, $hash, $seen, $silenced, $os, $name, '0.7.7');",
            ("$name", name), ("$hash", hash), ("$seen", lastSeen is { } seen ? Time(seen, GoTimeForm.A) : null), ("$silenced", silencedUntil), ("$os", os));
        return token;
    }

    public long HostId(string name) => Scalar($"SELECT id FROM hosts WHERE name = '{name}';");

    /// <summary>Adds a user with the PHC string the Go hub's <c>argon2id</c> code makes.</summary>
    public void AddUser(string username, string password) =>
        Execute("INSERT INTO users (username, password_hash) VALUES ($name, $hash);", ("$name", username), ("$hash", GoPasswordHash(password)));

    public static string GoPasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password)) { Salt = salt, MemorySize = 19456, Iterations = 2, DegreeOfParallelism = 1 };
        var key = argon.GetBytes(32);
        return $"$argon2id$v=19$m=19456,t=2,p=1${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(key).TrimEnd('=')}";
    }

    public void AddSnapshot(string host, DateTimeOffset ts, double cpu, GoTimeForm form = GoTimeForm.B) =>
        Execute("INSERT INTO snapshots (host, ts, cpu_pct, ram_pct, temp_c) VALUES ($host, $ts, $cpu, 50, 40);", ("$host", host), ("$ts", Time(ts, form)), ("$cpu", cpu));

    /// <summary>A time written as the Go hub writes it in the given form.</summary>
    public static string Time(DateTimeOffset at, GoTimeForm form)
    {
        var utc = at.UtcDateTime;
        var fraction = utc.ToString(".FFFFFFF", CultureInfo.InvariantCulture);
        return form switch
        {
            GoTimeForm.A => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            GoTimeForm.B => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction == "." ? "" : fraction) + "Z",
            _ => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction == "." ? "" : fraction) + " +0000 UTC m=+12.345678901",
        };
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Another connection to the file, as a running Go hub holds one.</summary>
    public SqliteConnection OpenAnother()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, ForeignKeys = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Closes the spec's connection: the last one out checkpoints the WAL into the file, as a stopped Go hub leaves it.</summary>
    public void Dispose() => _connection.Dispose();
}
