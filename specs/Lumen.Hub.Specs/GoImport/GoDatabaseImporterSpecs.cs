using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Accounts;
using Lumen.Hub.GoImport;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Retention;
using Lumen.Hub.Specs.Support;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Specs.GoImport;

/// <summary>The importer on real files: a Go v0.7.7 database built from the documented schema into a migrated hub database.</summary>
public sealed class GoDatabaseImporterSpecs : IDisposable
{
    private readonly TempDatabase _hub = new();
    private readonly GoHubDatabase _go;

    public GoDatabaseImporterSpecs() => _go = new GoHubDatabase(_hub.Folder);

    public void Dispose()
    {
        _go.Dispose();
        _hub.Dispose();
    }

    private GoImportReport Import(GoImportOptions? options = null) => GoDatabaseImporter.Import(_go.Path, _hub.FilePath, options ?? new GoImportOptions());

    private long Rows(string table) => _hub.Scalar($"SELECT count(*) FROM {table};");

    [Fact]
    public void Import_should_keep_each_hosts_token_so_the_go_agents_token_resolves_to_its_host()
    {
        var go = GoHubContents.Fill(_go);

        Import();

        var tokens = new HostTokens();
        tokens.Replace(new HostStore(_hub.Database, TimeProvider.System).LoadTokens());
        Assert.True(tokens.TryResolve(go.PiToken, out var pi));
        Assert.Equal("pi", pi.Name);
        Assert.True(tokens.TryResolve(go.NasToken, out var nas));
        Assert.Equal("nas", nas.Name);
    }

    [Fact]
    public async Task Import_should_keep_each_users_argon2id_hash_so_the_same_password_verifies()
    {
        GoHubContents.Fill(_go);

        Import();

        var stored = _hub.String("SELECT password_hash FROM users WHERE username = 'alice' AND is_admin = 1;");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored);
        Assert.True(await new PasswordHasher().VerifyAsync(GoHubContents.Password, stored));
        Assert.False(await new PasswordHasher().VerifyAsync("wrong password", stored));
    }

    [Fact]
    public void Import_should_store_every_snapshot_of_an_imported_host_at_its_instant_whichever_form_its_time_was_written_in()
    {
        var go = GoHubContents.Fill(_go);

        var report = Import();

        var pi = _hub.Scalar("SELECT id FROM hosts WHERE name = 'pi';");
        long Ts(double cpu) => _hub.Scalar($"SELECT ts FROM snapshots WHERE host_id = {pi} AND cpu_pct = {cpu};");
        Assert.Equal(go.Now.AddMinutes(-5).ToUnixTimeMilliseconds(), Ts(11));
        Assert.Equal(go.Now.AddMinutes(-10).ToUnixTimeMilliseconds() / 1000 * 1000, Ts(12));
        Assert.Equal(go.Now.AddMinutes(-15).ToUnixTimeMilliseconds(), Ts(13));
        Assert.Equal(5, Rows("snapshots"));
        Assert.Equal(5, report.Imported("snapshots"));
        Assert.Equal(1, report.Skipped("snapshots")); // the deleted host's row
    }

    [Fact]
    public void Import_should_bring_host_metadata_silence_and_tags_and_the_tag_inventory()
    {
        var go = GoHubContents.Fill(_go);

        Import();

        var pi = new HostStore(_hub.Database, TimeProvider.System).ListDetails().Single(h => h.Host.Name == "pi");
        Assert.Equal("linux", pi.System?.Os);
        Assert.Equal("0.7.7", pi.System?.AgentVersion);
        Assert.Equal(go.Now.AddHours(1).ToUnixTimeSeconds(), pi.SilencedUntil?.ToUnixTimeSeconds());
        Assert.Equal(go.Now.AddMinutes(-1).ToUnixTimeSeconds(), pi.Host.LastSeenAt?.ToUnixTimeSeconds());
        Assert.Equal("prod", pi.Tags["env"]);
        Assert.Equal("where it runs", _hub.String("SELECT description FROM tags WHERE key = 'env';"));
        Assert.Equal("lab,prod", _hub.String("SELECT group_concat(value, ',') FROM (SELECT value FROM tag_values WHERE tag_key = 'env' ORDER BY value);"));
        Assert.Equal(0, _hub.Scalar("SELECT count(*) FROM tag_values WHERE tag_key = 'deleted';"));
    }

    [Fact]
    public void Import_should_bring_rules_channels_their_links_and_maintenance_windows()
    {
        var go = GoHubContents.Fill(_go);

        var report = Import();

        Assert.Equal(1, _hub.Scalar("""
            SELECT count(*) FROM alert_rules WHERE name = 'CPU hot' AND metric = 'cpu_pct' AND comparator = 'gt' AND threshold = 90
                AND for_seconds = 60 AND cooldown_seconds = 300 AND host_selector = 'env=prod' AND severity = 'critical' AND enabled = 1;
            """));
        Assert.Equal("""{"url":"https://ntfy.example.lan/alerts","topic":"lab"}""", _hub.String("SELECT config FROM notification_channels WHERE name = 'phone' AND type = 'ntfy';"));
        Assert.Equal(1, _hub.Scalar("""
            SELECT count(*) FROM alert_rule_channels l JOIN alert_rules r ON r.id = l.rule_id JOIN notification_channels c ON c.id = l.channel_id
            WHERE r.name = 'CPU hot' AND c.name = 'phone';
            """));
        Assert.Equal(1, report.Skipped("alert_rule_channels")); // the link to a channel the Go hub deleted
        Assert.Equal(go.Now.AddHours(1).ToUnixTimeMilliseconds(), _hub.Scalar("SELECT start_at FROM maintenance_windows WHERE reason = 'kernel update' AND scope_tags = '{\"env\":\"prod\"}';"));
        Assert.Equal(go.Now.AddHours(2).ToUnixTimeMilliseconds(), _hub.Scalar("SELECT end_at FROM maintenance_windows WHERE reason = 'kernel update';"));
    }

    [Fact]
    public void Import_should_map_each_setting_to_this_hubs_and_report_the_ones_it_leaves_out_with_why()
    {
        GoHubContents.Fill(_go);

        var report = Import();

        Assert.Equal("48h", _hub.String("SELECT value FROM settings WHERE key = 'retention_window';"));
        Assert.Equal("720h", _hub.String("SELECT value FROM settings WHERE key = 'retention_alerts_window';"));
        Assert.Equal("10s", _hub.String("SELECT value FROM settings WHERE key = 'agent_interval';"));
        Assert.Equal("mem", _hub.String("SELECT value FROM settings WHERE key = 'processes_sort_by';"));
        Assert.Equal("false", _hub.String("SELECT value FROM settings WHERE key = 'backup.enabled';"));
        Assert.Equal(5, report.Imported("settings"));
        Assert.Equal(2, report.Skipped("settings"));
        Assert.Contains(report.Notes, n => n.Contains("alerts.eval_interval", StringComparison.Ordinal) && n.Contains("every frame", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("downsample.bucket_size", StringComparison.Ordinal) && n.Contains("soon", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_should_bring_the_backup_settings_with_the_passphrase_hash_and_the_sealed_S3_key_as_they_are()
    {
        var goSecret = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        var sealedKey = GoSecretBox.Seal(GoSecretBox.BackupS3Label, goSecret, "s3 secret");
        var hash = GoHubDatabase.GoPasswordHash("the backup passphrase");
        _go.Execute("INSERT INTO settings (key, value) VALUES ('backup.enabled', 'true'), ('backup.target', 's3'), ('backup.cron', '0 3 * * *'), " +
            "('backup.retain_last', '0'), ('backup.s3_endpoint', 'http://minio.lan:9000'), ('backup.s3_bucket', 'homelab'), " +
            $"('backup.s3_access_key', 'lumen'), ('backup.s3_secret_key_enc', '{sealedKey}'), ('backup.s3_force_path_style', 'true'), " +
            $"('backup.passphrase_hash', '{hash}');");

        var report = Import();

        var settings = new BackupSettingsStore(_hub.Database, TimeProvider.System).Read();
        Assert.Equal((true, "s3", "0 3 * * *", 14), (settings.Enabled, settings.Target, settings.Cron, settings.RetainLast));
        Assert.Equal(("http://minio.lan:9000", "homelab", "lumen", true), (settings.S3.Endpoint, settings.S3.Bucket, settings.S3.AccessKey, settings.S3.ForcePathStyle));
        Assert.Equal(hash, settings.PassphraseHash);
        Assert.Equal("s3 secret", GoSecretBox.Open(GoSecretBox.BackupS3Label, goSecret, settings.S3.SecretKeyEncrypted).Plaintext);
        Assert.Equal(10, report.Imported("settings"));
    }

    [Fact]
    public void Import_should_leave_out_backup_settings_this_hub_would_refuse_and_say_why()
    {
        _go.Execute("INSERT INTO settings (key, value) VALUES ('backup.enabled', 'true'), ('backup.cron', '0 0 3 * * *');");

        var report = Import();

        Assert.Equal(0, _hub.Scalar("SELECT count(*) FROM settings WHERE key LIKE 'backup.%';"));
        Assert.Contains(report.Notes, n => n.Contains("backup.*", StringComparison.Ordinal) && n.Contains("cron", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_should_report_tables_this_hub_has_no_place_for_with_their_counts()
    {
        GoHubContents.Fill(_go);

        var report = Import();

        Assert.Equal(1, report.Skipped("api_keys"));
        Assert.Contains(report.Notes, n => n.StartsWith("api_keys: 1 row(s) not imported", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_should_add_nothing_and_say_so_when_run_a_second_time()
    {
        GoHubContents.Fill(_go);
        Import();
        var tables = new[] { "hosts", "users", "settings", "tags", "tag_values", "alert_rules", "notification_channels", "alert_rule_channels", "maintenance_windows", "snapshots" };
        var before = tables.ToDictionary(t => t, Rows);

        var again = Import();

        Assert.True(again.AddedNothing);
        Assert.Contains("Nothing new", again.Format(), StringComparison.Ordinal);
        Assert.Equal(before, tables.ToDictionary(t => t, Rows));
        Assert.Equal(5, again.AlreadyHere("snapshots"));
        Assert.Equal(2, again.AlreadyHere("hosts"));
    }

    [Fact]
    public void Import_should_keep_only_the_last_days_of_history_when_given_history_days()
    {
        GoHubContents.Fill(_go);

        var report = Import(new GoImportOptions(HistoryDays: 1));

        Assert.Equal(4, Rows("snapshots"));
        Assert.Contains(report.Notes, n => n.Contains("1 row(s) older than --history-days 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_should_refuse_a_hub_with_hosts_of_its_own_and_change_nothing_unless_merging()
    {
        GoHubContents.Fill(_go);
        new HostStore(_hub.Database, TimeProvider.System).Add("desktop");
        new HostStore(_hub.Database, TimeProvider.System).Add("nas");

        var refusal = Assert.Throws<GoImportException>(() => Import());

        Assert.Contains("--merge", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, Rows("hosts"));
        Assert.Equal(0, Rows("users"));
        Assert.Equal(0, Rows("snapshots"));

        var merged = Import(new GoImportOptions(Merge: true));

        Assert.Equal(["desktop", "nas", "pi"], new HostStore(_hub.Database, TimeProvider.System).List().Select(h => h.Name));
        Assert.Equal(1, merged.Skipped("hosts"));
        Assert.Contains(merged.Notes, n => n.StartsWith("host 'nas': a host of that name with another token is here", StringComparison.Ordinal));
        Assert.Equal(4, Rows("snapshots")); // pi's; nas's row stays out with its host
    }

    [Fact]
    public void Imported_rows_older_than_the_raw_window_should_end_up_in_the_buckets_before_retention_deletes_them()
    {
        var go = GoHubContents.Fill(_go);
        Import();
        var pi = _hub.Scalar("SELECT id FROM hosts WHERE name = 'pi';");
        var retention = new RetentionStore(_hub.Database);

        retention.Sweep(go.Now.AddHours(-24));
        Assert.Equal(4, _hub.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {pi};")); // nothing summed yet: nothing deleted

        new MinuteRollupStore(_hub.Database).RollUp(go.Now);
        new BucketRollupStore(_hub.Database).RollUp(TimeSpan.FromMinutes(5));
        new BucketRollupStore(_hub.Database, CoarseTier.Hours).RollUp(CoarseTier.HourSize);
        retention.Sweep(go.Now.AddHours(-24));

        Assert.Equal(3, _hub.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {pi};"));
        var oldBucket = go.Now.AddDays(-3).ToUnixTimeMilliseconds();
        Assert.Equal(14, _hub.Scalar($"SELECT cpu_pct FROM snapshot_buckets WHERE host_id = {pi} AND bucket_ts <= {oldBucket} AND bucket_ts > {oldBucket - 300_000};"));
        Assert.Equal(1, _hub.Scalar($"SELECT samples FROM snapshot_hours WHERE host_id = {pi} AND bucket_ts <= {oldBucket} AND bucket_ts > {oldBucket - 3_600_000};"));
    }

    [Fact]
    public void Import_should_create_and_migrate_this_hubs_database_when_it_is_not_there_yet()
    {
        GoHubContents.Fill(_go);
        var fresh = System.IO.Path.Combine(_hub.Folder, "new", "lumen.db");

        var report = GoDatabaseImporter.Import(_go.Path, fresh, new GoImportOptions());

        Assert.Equal(2, report.Imported("hosts"));
        Assert.Equal(5, report.Imported("snapshots"));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void Import_should_leave_the_go_files_bytes_and_time_as_they_were_and_its_write_ahead_log_empty()
    {
        GoHubContents.Fill(_go);
        _go.Dispose();
        var bytes = File.ReadAllBytes(_go.Path);
        var modified = File.GetLastWriteTimeUtc(_go.Path);

        Import();

        Assert.Equal(bytes, File.ReadAllBytes(_go.Path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(_go.Path));
        // SQLite's read-only reader of a WAL file needs a -wal and -shm beside it, and cannot remove
        // them: an empty log, which the Go hub opens as usual on its next start.
        Assert.Equal(0, new FileInfo(_go.Path + "-wal").Length);
    }

    [Fact]
    public void Import_should_read_one_consistent_snapshot_while_another_connection_holds_a_write_transaction_on_the_go_file()
    {
        var go = GoHubContents.Fill(_go);
        using var goHub = _go.OpenAnother();
        using var writing = goHub.BeginTransaction(deferred: false);
        using (var insert = goHub.CreateCommand())
        {
            insert.Transaction = writing;
            insert.CommandText = $"INSERT INTO hosts (name, token_hash) VALUES ('late', '{new string('a', 64)}'); INSERT INTO snapshots (host, ts) VALUES ('pi', '{GoHubDatabase.Time(go.Now, GoTimeForm.B)}');";
            insert.ExecuteNonQuery();
        }

        var report = Import();

        Assert.Equal(2, report.Imported("hosts"));
        Assert.Equal(5, report.Imported("snapshots"));
        writing.Rollback();
    }

    [Fact]
    public void Import_should_read_an_older_goose_version_by_its_columns()
    {
        using var older = new TempDatabase();
        using (var go = new GoHubDatabase(older.Folder, gooseVersion: 12))
        {
            go.AddHost("pi");
            go.AddSnapshot("pi", DateTimeOffset.UtcNow.AddMinutes(-1), 5);
            // Before migrations 13 (cooldown), 14 (silence), 15 (virt type), 18 (public_visible) and 22 (maintenance).
            go.Execute("""
                ALTER TABLE alert_rules DROP COLUMN cooldown_seconds; ALTER TABLE hosts DROP COLUMN silenced_until;
                ALTER TABLE hosts DROP COLUMN system_virt_type; ALTER TABLE hosts DROP COLUMN public_visible; DROP TABLE maintenance_windows;
                INSERT INTO alert_rules (name, metric, threshold) VALUES ('RAM', 'ram_pct', 80);
                """);
        }

        var report = GoDatabaseImporter.Import(System.IO.Path.Combine(older.Folder, "go-lumen.db"), _hub.FilePath, new GoImportOptions());

        Assert.Equal(12, report.GooseVersion);
        Assert.Equal(1, report.Imported("hosts"));
        Assert.Equal(1, report.Imported("snapshots"));
        Assert.Equal(0, _hub.Scalar("SELECT cooldown_seconds FROM alert_rules WHERE name = 'RAM';"));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "not-sqlite", "is not an SQLite database" },
        { "newer", "goose version 26, newer than this importer reads" },
        { "no-goose", "no goose_db_version table" },
        { "missing", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Import_should_refuse_a_file_that_is_not_a_go_hubs_database_it_reads_and_change_nothing(string kind, string message)
    {
        var path = System.IO.Path.Combine(_hub.Folder, kind + ".db");
        switch (kind)
        {
            case "not-sqlite":
                File.WriteAllText(path, "these are not the bytes of an SQLite database, however long this line is made to be.\n");
                break;
            case "newer":
                _go.Execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (26, 1);");
                path = _go.Path;
                break;
            case "no-goose":
                using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE hosts (id INTEGER);";
                    command.ExecuteNonQuery();
                }
                break;
        }
        var before = File.ReadAllBytes(_hub.FilePath);

        var refusal = Assert.Throws<GoImportException>(() => GoDatabaseImporter.Import(path, _hub.FilePath, new GoImportOptions()));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_hub.FilePath));
        Assert.Equal(0, Rows("hosts"));
    }
}
