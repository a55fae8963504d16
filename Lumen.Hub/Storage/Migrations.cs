using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Storage;

/// <summary>
/// Versioned schema changes, applied in order at start inside one transaction each; the
/// version lives in SQLite's <c>user_version</c>. Append only: a released step never changes.
/// A step renumbered when two branches meet runs again over a file it already changed, so
/// steps from the rollup's on can run twice without harm: tables are created if they do not
/// exist, and columns are added by <see cref="AddMetricColumns"/> and <see cref="AddColumn"/>,
/// which skip a column that is there.
/// </summary>
public static class Migrations
{
    /// <summary>The table with a column per scalar metric: the raw rows.</summary>
    private const string RawTable = "snapshots";

    /// <summary>The tiers, with a sum, a lowest and a highest column per scalar metric (<see cref="ScalarColumns.TierNames"/>).</summary>
    private static readonly string[] TierTables = ["snapshot_minutes", "snapshot_buckets", "snapshot_hours"];

    private static readonly Func<SqliteTransaction, string>[] Steps =
    [
        // 1: hosts, snapshots laid out for range reads by (host, ts), settings, and a counter
        //    the hub polls to notice host changes made by another process.
        Sql("""
        CREATE TABLE hosts (
            id           INTEGER PRIMARY KEY,
            name         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
            token_hash   BLOB    NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL,
            last_seen_at INTEGER,
            system_json  TEXT,
            tags_json    TEXT    NOT NULL DEFAULT '{}'
        );
        CREATE TABLE snapshots (
            host_id    INTEGER NOT NULL,
            ts         INTEGER NOT NULL,
            cpu_pct    REAL NOT NULL,
            ram_pct    REAL NOT NULL,
            swap_pct   REAL NOT NULL,
            disk_pct   REAL NOT NULL,
            load1      REAL NOT NULL,
            load5      REAL NOT NULL,
            load15     REAL NOT NULL,
            net_rx_bps REAL NOT NULL,
            net_tx_bps REAL NOT NULL,
            disk_r_bps REAL NOT NULL,
            disk_w_bps REAL NOT NULL,
            temp_c     REAL NOT NULL,
            PRIMARY KEY (host_id, ts)
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('hosts_version', 0);
        CREATE TRIGGER hosts_added AFTER INSERT ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        CREATE TRIGGER hosts_removed AFTER DELETE ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        CREATE TRIGGER hosts_rekeyed AFTER UPDATE OF token_hash, name ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        """),
        // 2: host ids are never reused (AUTOINCREMENT). Without it a host added right after
        //    the newest one was removed took its id, and with it the removed host's rows still
        //    waiting in the batch queue, its live state and its durability numbers.
        Sql("""
        CREATE TABLE hosts_v2 (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            name         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
            token_hash   BLOB    NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL,
            last_seen_at INTEGER,
            system_json  TEXT,
            tags_json    TEXT    NOT NULL DEFAULT '{}'
        );
        INSERT INTO hosts_v2 (id, name, token_hash, created_at, last_seen_at, system_json, tags_json)
            SELECT id, name, token_hash, created_at, last_seen_at, system_json, tags_json FROM hosts;
        DROP TABLE hosts;
        ALTER TABLE hosts_v2 RENAME TO hosts;
        CREATE TRIGGER hosts_added AFTER INSERT ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        CREATE TRIGGER hosts_removed AFTER DELETE ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        CREATE TRIGGER hosts_rekeyed AFTER UPDATE OF token_hash, name ON hosts
            BEGIN UPDATE meta SET value = value + 1 WHERE key = 'hosts_version'; END;
        """),
        // 3: dashboard accounts. session_epoch is written into every session token; bumping it
        //    (password change or reset) ends every session issued before.
        Sql("""
        CREATE TABLE users (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT    NOT NULL,
            is_admin      INTEGER NOT NULL DEFAULT 0,
            created_at    INTEGER NOT NULL,
            session_epoch INTEGER NOT NULL DEFAULT 0
        );
        """),
        // 4 (history rollup): per host and minute, the number of snapshot rows and the sum of
        //    every column, so a week's history query reads 10,080 rows per host instead of
        //    120,960 (averaging twelve columns over the raw rows took SQLite ~100 ms for a week
        //    on the benchmark machine; see docs/history.md). MinuteRollupActor sums each host's
        //    minutes once they are a few minutes old, up to snapshot_minutes_until.until_ms;
        //    SnapshotWriter adds only rows arriving for minutes already summed. The rollup is not
        //    written on every flush because that doubled a flush's page writes. Nothing is summed
        //    here: the actor catches up on rows stored before, a bounded chunk at a time.
        //    Written with IF NOT EXISTS: running it again changes nothing.
        Sql("""
        CREATE TABLE IF NOT EXISTS snapshot_minutes (
            host_id    INTEGER NOT NULL,
            minute_ts  INTEGER NOT NULL,
            samples    INTEGER NOT NULL,
            cpu_pct    REAL NOT NULL,
            ram_pct    REAL NOT NULL,
            swap_pct   REAL NOT NULL,
            disk_pct   REAL NOT NULL,
            load1      REAL NOT NULL,
            load5      REAL NOT NULL,
            load15     REAL NOT NULL,
            net_rx_bps REAL NOT NULL,
            net_tx_bps REAL NOT NULL,
            disk_r_bps REAL NOT NULL,
            disk_w_bps REAL NOT NULL,
            temp_c     REAL NOT NULL,
            PRIMARY KEY (host_id, minute_ts)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshot_minutes_until (
            host_id  INTEGER PRIMARY KEY,
            until_ms INTEGER NOT NULL
        );
        """),
        // 5: cpu_steal_pct (ScalarMetrics.CpuStealPct), what a VM loses to its neighbours. Rows
        //    stored before it read 0, as a Go agent that does not send it does.
        AddMetricColumns("cpu_steal_pct"),
        // 6 (alerts): rules with the Go hub's columns (times as unix ms, as everywhere here) plus
        //    `container`, their channel links, and the events they raise. An event's id comes
        //    from the alert journal, which writes each row idempotently after persisting it; the
        //    host is kept by id and by name (the name as it was then, as the Go hub keeps it). A
        //    new hub starts with one rule, "Host offline", the thing users care about most.
        Sql("""
        CREATE TABLE IF NOT EXISTS alert_rules (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            name             TEXT    NOT NULL,
            metric           TEXT    NOT NULL,
            comparator       TEXT    NOT NULL DEFAULT 'gt',
            threshold        REAL    NOT NULL DEFAULT 0,
            for_seconds      INTEGER NOT NULL DEFAULT 0,
            cooldown_seconds INTEGER NOT NULL DEFAULT 0,
            host             TEXT,
            host_selector    TEXT    NOT NULL DEFAULT '',
            container        TEXT    NOT NULL DEFAULT '',
            severity         TEXT    NOT NULL DEFAULT 'warning',
            enabled          INTEGER NOT NULL DEFAULT 1,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS alert_rule_channels (
            rule_id    INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            PRIMARY KEY (rule_id, channel_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alert_events (
            id          INTEGER PRIMARY KEY,
            rule_id     INTEGER NOT NULL,
            rule_name   TEXT    NOT NULL,
            host_id     INTEGER NOT NULL,
            host        TEXT    NOT NULL,
            subject     TEXT    NOT NULL DEFAULT '',
            metric      TEXT    NOT NULL,
            severity    TEXT    NOT NULL,
            state       TEXT    NOT NULL,
            value       REAL,
            threshold   REAL,
            message     TEXT    NOT NULL,
            suppressed  INTEGER NOT NULL DEFAULT 0,
            started_at  INTEGER NOT NULL,
            resolved_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS alert_events_state ON alert_events (state, started_at);
        CREATE INDEX IF NOT EXISTS alert_events_resolved ON alert_events (resolved_at);
        INSERT INTO alert_rules (name, metric, comparator, threshold, for_seconds, severity, enabled, created_at, updated_at)
            SELECT 'Host offline', 'offline', 'gt', 0, 120, 'critical', 1,
                   CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)
            WHERE NOT EXISTS (SELECT 1 FROM alert_rules);
        """),
        // 7 (silence): until when a host's alerts are silenced, unix seconds as the Go hub
        //    stores it; NULL is not silenced. An update of it bumps no counter: the hosts_*
        //    triggers watch the name and token only.
        AddColumn("hosts", "silenced_until", "INTEGER"),
        // 8 (maintenance): windows during which the alerts of the hosts they cover record
        //    suppressed. Times in unix ms; `host` a HostPattern ('' every host) and `scope_tags` a
        //    JSON object of tags the host must carry, both checked when written.
        Sql("""
        CREATE TABLE IF NOT EXISTS maintenance_windows (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            reason     TEXT    NOT NULL DEFAULT '',
            start_at   INTEGER NOT NULL,
            end_at     INTEGER NOT NULL,
            recurrence TEXT    NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'weekly')),
            host       TEXT    NOT NULL DEFAULT '',
            scope_tags TEXT    NOT NULL DEFAULT '{}',
            created_at INTEGER NOT NULL
        );
        """),
        // 9 (tags): the tag inventory rules and windows pick from. Hosts' tags stay free-form in
        //    hosts.tags_json; what hosts carry already is listed here (values that are not
        //    empty), so a hub upgraded with tagged hosts starts with them known.
        Sql("""
        CREATE TABLE IF NOT EXISTS tags (
            key         TEXT    PRIMARY KEY,
            description TEXT    NOT NULL DEFAULT '',
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS tag_values (
            tag_key    TEXT    NOT NULL REFERENCES tags (key) ON DELETE CASCADE,
            value      TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (tag_key, value)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO tags (key, description, created_at, updated_at)
            SELECT DISTINCT carried.key, '', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)
            FROM (SELECT tags_json FROM hosts WHERE json_valid(tags_json) AND json_type(tags_json) = 'object') AS host,
                 json_each(host.tags_json) AS carried;
        INSERT OR IGNORE INTO tag_values (tag_key, value, created_at)
            SELECT DISTINCT carried.key, carried.value, CAST(unixepoch('subsec') * 1000 AS INTEGER)
            FROM (SELECT tags_json FROM hosts WHERE json_valid(tags_json) AND json_type(tags_json) = 'object') AS host,
                 json_each(host.tags_json) AS carried
            WHERE carried.type = 'text' AND carried.value <> '';
        """),
        // 10: how an alert ended, in words ("CPU back to 41 % (below 80 %) after 10 min"), for
        //     the history and the resolved notification; the event keeps its firing message.
        AddColumn("alert_events", "resolved_message", "TEXT"),
        // 11 (notifications): channels with the Go hub's columns; the delivery log, one row per
        //    (event, channel, kind) written in the event's own transaction, so a replayed event
        //    adds nothing twice; web push subscriptions per channel. Channel and delivery ids are
        //    never reused (AUTOINCREMENT): a delivery id is what receivers drop repeats by, and a
        //    channel's id names its sender.
        Sql("""
        CREATE TABLE IF NOT EXISTS notification_channels (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            name         TEXT    NOT NULL,
            type         TEXT    NOT NULL,
            config       TEXT    NOT NULL DEFAULT '{}',
            owner_type   TEXT    NOT NULL DEFAULT 'admin',
            enabled      INTEGER NOT NULL DEFAULT 1,
            min_severity TEXT    NOT NULL DEFAULT 'info',
            created_at   INTEGER NOT NULL,
            updated_at   INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notification_deliveries (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id      INTEGER NOT NULL,
            channel_id    INTEGER NOT NULL,
            channel_name  TEXT    NOT NULL,
            channel_type  TEXT    NOT NULL,
            severity      TEXT    NOT NULL DEFAULT 'info',
            kind          TEXT    NOT NULL DEFAULT 'firing' CHECK (kind IN ('firing', 'resolved')),
            status        TEXT    NOT NULL DEFAULT 'pending',
            attempts      INTEGER NOT NULL DEFAULT 0,
            http_status   INTEGER,
            error         TEXT,
            next_retry_at INTEGER,
            payload       TEXT    NOT NULL,
            created_at    INTEGER NOT NULL,
            sent_at       INTEGER,
            group_id      INTEGER,
            UNIQUE (event_id, channel_id, kind)
        );
        CREATE INDEX IF NOT EXISTS idx_deliveries_channel_status ON notification_deliveries (channel_id, status, next_retry_at);
        CREATE INDEX IF NOT EXISTS idx_deliveries_created ON notification_deliveries (created_at);
        CREATE TABLE IF NOT EXISTS web_push_subscriptions (
            id         INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL,
            endpoint   TEXT    NOT NULL,
            p256dh     TEXT    NOT NULL,
            auth       TEXT    NOT NULL,
            label      TEXT    NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            UNIQUE (channel_id, endpoint)
        );
        """),
        // 12 (history tiers): the per-minute rollup keeps each metric's lowest and highest sample
        //    beside its sum, and a coarser tier, snapshot_buckets (downsample_bucket_size, 5 m by
        //    default), summed from the minutes by HistoryRollupActor up to
        //    snapshot_buckets_until.until_ms (with the bucket size it sums at, for the writer's
        //    late rows), is kept for downsample_archive_window. Minutes
        //    without those columns are dropped with their marks: they cover no more than the raw
        //    rows they came from (both are swept at retention_window), and the rollup sums them
        //    again from those rows, a bounded chunk at a time. Buckets are never dropped here.
        HistoryTiers,
        // 13 (hour tier): per host and hour, as the buckets are, summed from the minutes and kept
        //    for downsample_archive_window, so a year's chart reads 8,760 rows per host rather
        //    than 105,120 buckets. Summed from the minutes still kept by its own catch-up pass.
        Sql(CoarseTierTables("snapshot_hours")),
        // 14 (container and GPU history): per host, bucket of downsample_bucket_size and
        //    container (by name) or GPU (by index), the sample count and each value's sum, lowest
        //    and highest sample, written by SnapshotWriter in the batch's own transaction and kept
        //    for downsample_archive_window. Keyed (host, bucket, item) so a batch's upserts of one
        //    host fall on one page. Bytes are INTEGER: whole sums are stored in fewer bytes.
        Sql("""
            CREATE TABLE IF NOT EXISTS container_buckets (
                host_id            INTEGER NOT NULL,
                bucket_ts          INTEGER NOT NULL,
                name               TEXT    NOT NULL,
                samples            INTEGER NOT NULL,
                cpu_pct            REAL    NOT NULL,
                cpu_pct_min        REAL    NOT NULL,
                cpu_pct_max        REAL    NOT NULL,
                mem_used_bytes     INTEGER NOT NULL,
                mem_used_bytes_min INTEGER NOT NULL,
                mem_used_bytes_max INTEGER NOT NULL,
                mem_pct            REAL    NOT NULL,
                mem_pct_min        REAL    NOT NULL,
                mem_pct_max        REAL    NOT NULL,
                PRIMARY KEY (host_id, bucket_ts, name)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS gpu_buckets (
                host_id          INTEGER NOT NULL,
                bucket_ts        INTEGER NOT NULL,
                gpu_index        INTEGER NOT NULL,
                name             TEXT    NOT NULL,
                samples          INTEGER NOT NULL,
                util_pct         REAL    NOT NULL,
                util_pct_min     REAL    NOT NULL,
                util_pct_max     REAL    NOT NULL,
                mem_used_mb      REAL    NOT NULL,
                mem_used_mb_min  REAL    NOT NULL,
                mem_used_mb_max  REAL    NOT NULL,
                mem_total_mb     REAL    NOT NULL,
                mem_total_mb_min REAL    NOT NULL,
                mem_total_mb_max REAL    NOT NULL,
                temp_c           REAL    NOT NULL,
                temp_c_min       REAL    NOT NULL,
                temp_c_max       REAL    NOT NULL,
                PRIMARY KEY (host_id, bucket_ts, gpu_index)
            ) WITHOUT ROWID;
            """),
        // 15 (disk, NIC and filesystem history): as 14, per disk, interface and mount point.
        Sql(DeviceBucketTables.Sql),
        // 16 (the Go hub's host fields): whether the host is on the public status page (0 until
        //    that page exists; the Go importer fills it), and when its system facts last came
        //    (unix ms, hub clock; NULL until a frame carries them).
        transaction => AddColumn("hosts", "public_visible", "INTEGER NOT NULL DEFAULT 0")(transaction)
            + AddColumn("hosts", "metadata_updated_at", "INTEGER")(transaction),
    ];

    public static int Latest => Steps.Length;

    private static Func<SqliteTransaction, string> Sql(string sql) => _ => sql;

    private static string HistoryTiers(SqliteTransaction transaction)
    {
        var rebuildMinutes = !HasColumn(transaction, "snapshot_minutes", "cpu_pct_min");
        return (rebuildMinutes ? "DROP TABLE IF EXISTS snapshot_minutes;\nDELETE FROM snapshot_minutes_until;\n" : "") + $"""
            CREATE TABLE IF NOT EXISTS snapshot_minutes (
                host_id   INTEGER NOT NULL,
                minute_ts INTEGER NOT NULL,
                samples   INTEGER NOT NULL,
                {ScalarColumns.TierDefinitions},
                PRIMARY KEY (host_id, minute_ts)
            ) WITHOUT ROWID;
            {CoarseTierTables("snapshot_buckets")}
            """;
    }

    /// <summary>A tier summed from the minutes (buckets, hours), and each host's mark with the size it sums at.</summary>
    private static string CoarseTierTables(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            host_id   INTEGER NOT NULL,
            bucket_ts INTEGER NOT NULL,
            samples   INTEGER NOT NULL,
            {ScalarColumns.TierDefinitions},
            PRIMARY KEY (host_id, bucket_ts)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS {table}_until (
            host_id   INTEGER PRIMARY KEY,
            until_ms  INTEGER NOT NULL,
            bucket_ms INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// A new scalar metric's column in every metric table, where it is not there yet, reading
    /// 0 for rows stored before. A column with a constant default rewrites no row, however many
    /// the file holds.
    /// </summary>
    private static Func<SqliteTransaction, string> AddMetricColumns(string metric) => transaction =>
        string.Concat(TierTables
            .Where(table => HasTable(transaction, table))
            .SelectMany(_ => new[] { metric, metric + "_min", metric + "_max" }, (table, column) => (table, column))
            .Prepend((table: RawTable, column: metric))
            .Where(added => !HasColumn(transaction, added.table, added.column))
            .Select(added => $"ALTER TABLE {added.table} ADD COLUMN {added.column} REAL NOT NULL DEFAULT 0;\n"));

    private static bool HasTable(SqliteTransaction transaction, string table)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $table;";
        command.Parameters.AddWithValue("$table", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// A column added to <paramref name="table"/> where it is not there yet, so the step can run
    /// again over a file it already changed. The definition must be one SQLite can add without
    /// rewriting rows: nullable, or NOT NULL with a constant default.
    /// </summary>
    private static Func<SqliteTransaction, string> AddColumn(string table, string column, string definition) => transaction =>
        HasColumn(transaction, table, column) ? "" : $"ALTER TABLE {table} ADD COLUMN {column} {definition};\n";

    private static bool HasColumn(SqliteTransaction transaction, string table, string column)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column;";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Brings the file up to date. Each step re-reads the version inside its own write
    /// transaction, so a hub and a command-line tool starting together never apply one twice.
    /// </summary>
    public static void Apply(SqliteConnection connection) => Apply(connection, Steps.Length);

    /// <summary>Up to <paramref name="target"/> only: specs build an older file to upgrade.</summary>
    internal static void Apply(SqliteConnection connection, int target)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = CurrentVersion(connection);
            if (current > Steps.Length)
                throw new InvalidOperationException(
                    $"the database is at schema version {current}, newer than this hub knows ({Steps.Length}); run a newer hub");
            if (current >= target) return;

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[current](transaction) + $"\nPRAGMA user_version = {current + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
