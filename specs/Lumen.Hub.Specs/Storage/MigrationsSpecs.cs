using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Storage;
using Lumen.Hub.Tags;

namespace Lumen.Hub.Specs.Storage;

/// <summary>Upgrading a database written by an earlier hub keeps everything in it.</summary>
public sealed class MigrationsSpecs : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lumen-specs", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Apply_should_keep_hosts_and_their_tokens_when_a_version_1_database_is_upgraded()
    {
        Directory.CreateDirectory(_folder);
        var database = new LumenDatabase(Path.Combine(_folder, "lumen.db"));
        using (var connection = database.Open()) Migrations.Apply(connection, target: 1);
        var store = new HostStore(database, TimeProvider.System);
        var pi = store.Add("pi");
        var nas = store.Add("nas");

        database.Initialise();

        var tokens = new HostTokens();
        tokens.Replace(store.LoadTokens());
        Assert.True(tokens.TryResolve(pi.Token, out var piNow) && piNow.Id == pi.Host.Id);
        Assert.True(tokens.TryResolve(nas.Token, out var nasNow) && nasNow.Id == nas.Host.Id);
        using (var connection = database.Open()) Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
    }

    [Fact]
    public void Apply_should_keep_counting_host_changes_when_a_version_1_database_is_upgraded()
    {
        Directory.CreateDirectory(_folder);
        var database = new LumenDatabase(Path.Combine(_folder, "lumen.db"));
        using (var connection = database.Open()) Migrations.Apply(connection, target: 1);
        var store = new HostStore(database, TimeProvider.System);
        store.Add("pi");
        database.Initialise();
        var before = store.Version();

        store.Add("nas");
        store.Rotate("nas");
        store.Remove("pi");

        Assert.Equal(before + 3, store.Version());
    }

    [Fact]
    public void Apply_should_let_the_rollup_catch_up_on_rows_stored_before_it_when_a_version_2_database_is_upgraded()
    {
        var database = DatabaseAt(version: 2);
        var host = new HostStore(database, TimeProvider.System).Add("nas").Host.Id.Value;
        Execute(database, $"""
            INSERT INTO snapshots VALUES ({host}, 60000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            INSERT INTO snapshots VALUES ({host}, 65000, 3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            INSERT INTO snapshots VALUES ({host}, 120000, 5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            """);

        database.Initialise();
        new MinuteRollupStore(database).RollUp(DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal("60000:2:4|120000:1:5", Rollup(database));
    }

    [Fact]
    public void Apply_should_keep_the_rollup_when_its_step_runs_again()
    {
        var database = DatabaseAt(version: 2);
        var host = new HostStore(database, TimeProvider.System).Add("nas").Host.Id.Value;
        Execute(database, $"INSERT INTO snapshots VALUES ({host}, 60000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);");
        database.Initialise();
        new MinuteRollupStore(database).RollUp(DateTimeOffset.UnixEpoch.AddHours(1));

        // As if the rollup step had been renumbered at a merge: it (and every step after it) runs over the same file again.
        Execute(database, $"PRAGMA user_version = {RollupStep - 1};");
        database.Initialise();
        History.HistoryRows.Write(database, History.HistoryRows.Row(new Lumen.Hub.Hosts.HostId(host), DateTimeOffset.FromUnixTimeMilliseconds(61000), 3));

        Assert.Equal("60000:2:4", Rollup(database));
        using var connection = database.Open();
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
    }

    /// <summary>The step that adds the per-minute rollup (migration 4).</summary>
    private const int RollupStep = 4;

    /// <summary>The step that adds lowest and highest samples and the buckets (migration 12).</summary>
    private const int TiersStep = 12;

    [Fact]
    public void Apply_should_sum_the_minutes_again_with_lowest_and_highest_when_a_version_11_database_is_upgraded()
    {
        var database = DatabaseAt(version: TiersStep - 1);
        var host = new HostStore(database, TimeProvider.System).Add("nas").Host.Id.Value;
        Execute(database, $"""
            INSERT INTO snapshots VALUES ({host}, 60000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0);
            INSERT INTO snapshots VALUES ({host}, 65000, 3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0);
            """);
        new MinuteRollupStoreV11(database).SumEverything();

        database.Initialise();
        Assert.Equal(0, Scalar(database, "SELECT count(*) FROM snapshot_minutes_until;"));
        new MinuteRollupStore(database).RollUp(DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal("60000:2:4", Rollup(database));
        Assert.Equal(13, Scalar(database, "SELECT cpu_pct_min * 10 + cpu_pct_max FROM snapshot_minutes;"));
    }

    /// <summary>The minute rollup as it was before migration 12: sums only.</summary>
    private sealed class MinuteRollupStoreV11(LumenDatabase database)
    {
        public void SumEverything() => Execute(database, """
            INSERT INTO snapshot_minutes (host_id, minute_ts, samples, cpu_pct, ram_pct, swap_pct, disk_pct, load1, load5, load15,
                net_rx_bps, net_tx_bps, disk_r_bps, disk_w_bps, temp_c, cpu_steal_pct)
            SELECT host_id, ts - ts % 60000, count(*), sum(cpu_pct), sum(ram_pct), sum(swap_pct), sum(disk_pct),
                sum(load1), sum(load5), sum(load15), sum(net_rx_bps), sum(net_tx_bps), sum(disk_r_bps), sum(disk_w_bps), sum(temp_c), sum(cpu_steal_pct)
            FROM snapshots GROUP BY host_id, ts - ts % 60000;
            INSERT INTO snapshot_minutes_until SELECT host_id, 120000 FROM snapshots GROUP BY host_id;
            """);
    }

    [Fact]
    public void Apply_should_keep_the_minutes_and_buckets_when_the_tiers_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var host = new Lumen.Hub.Hosts.HostId(new HostStore(database, TimeProvider.System).Add("nas").Host.Id.Value);
        History.HistoryRows.Write(database, History.HistoryRows.Row(host, DateTimeOffset.FromUnixTimeMilliseconds(61000), 3));
        new MinuteRollupStore(database).RollUp(DateTimeOffset.UnixEpoch.AddHours(1));
        new BucketRollupStore(database).RollUp(TimeSpan.FromMinutes(5));

        Execute(database, $"PRAGMA user_version = {TiersStep - 1};");
        database.Initialise();

        Assert.Equal("60000:1:3", Rollup(database));
        Assert.Equal(1, Scalar(database, "SELECT count(*) FROM snapshot_buckets;"));
        Assert.Equal(1, Scalar(database, "SELECT count(*) FROM snapshot_buckets_until;"));
    }

    [Fact]
    public void Apply_should_add_a_metric_column_once_when_its_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        Execute(database, $"PRAGMA user_version = {RollupStep};");

        database.Initialise();

        using var connection = database.Open();
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('snapshots') WHERE name = 'cpu_steal_pct';";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    /// <summary>The step that adds container and GPU history (migration 14).</summary>
    private const int ItemHistoryStep = 14;

    [Fact]
    public void Apply_should_keep_container_and_gpu_history_when_its_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var host = new HostStore(database, TimeProvider.System).Add("nas").Host.Id;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(61000);
        History.HistoryRows.Write(database, History.HistoryRows.Row(host, at, 3) with
        {
            Containers = [new Lumen.Hub.History.Items.ContainerReading("web", 10, 1, 1)],
            Gpus = [new Lumen.Hub.History.Items.GpuReading(0, "RTX", 5, 1, 2, 40)],
        });

        Execute(database, $"PRAGMA user_version = {ItemHistoryStep - 1};");
        database.Initialise();

        Assert.Equal((1L, 1L), (Scalar(database, "SELECT count(*) FROM container_buckets;"), Scalar(database, "SELECT count(*) FROM gpu_buckets;")));
    }

    /// <summary>The step that adds disk, NIC and filesystem history (migration 15).</summary>
    private const int DeviceHistoryStep = 15;

    [Fact]
    public void Apply_should_keep_disk_nic_and_filesystem_history_when_its_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var host = new HostStore(database, TimeProvider.System).Add("nas").Host.Id;
        History.HistoryRows.Write(database, History.HistoryRows.Row(host, DateTimeOffset.FromUnixTimeMilliseconds(61000), 3) with
        {
            Disks = [new Lumen.Hub.History.Items.DeviceReading("sda", 1, 2)],
            Nics = [new Lumen.Hub.History.Items.DeviceReading("eno1", 3, 4)],
            Filesystems = [new Lumen.Hub.History.Items.FilesystemReading("/", "/dev/sda1", 1, 2, 50)],
        });

        Execute(database, $"PRAGMA user_version = {DeviceHistoryStep - 1};");
        database.Initialise();

        Assert.Equal(
            (1L, 1L, 1L),
            (Scalar(database, "SELECT count(*) FROM disk_buckets;"), Scalar(database, "SELECT count(*) FROM nic_buckets;"), Scalar(database, "SELECT count(*) FROM filesystem_buckets;")));
    }

    /// <summary>The step that adds the Go hub's hosts.public_visible and hosts.metadata_updated_at (migration 16).</summary>
    private const int GoHostFieldsStep = 16;

    [Fact]
    public void Apply_should_give_hosts_of_a_version_15_database_public_visible_off_and_no_metadata_time()
    {
        var database = DatabaseAt(version: GoHostFieldsStep - 1);
        new HostStore(database, TimeProvider.System).Add("nas");

        database.Initialise();

        var nas = new HostStore(database, TimeProvider.System).ListDetails().Single();
        Assert.False(nas.PublicVisible);
        Assert.Null(nas.MetadataUpdatedAt);
    }

    [Fact]
    public void Apply_should_keep_public_visible_and_add_the_columns_once_when_the_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        new HostStore(database, TimeProvider.System).Add("nas");
        Execute(database, "UPDATE hosts SET public_visible = 1, metadata_updated_at = 61000;");
        Execute(database, $"PRAGMA user_version = {GoHostFieldsStep - 1};");

        database.Initialise();

        var nas = new HostStore(database, TimeProvider.System).ListDetails().Single();
        Assert.Equal((true, DateTimeOffset.FromUnixTimeMilliseconds(61000)), (nas.PublicVisible, nas.MetadataUpdatedAt));
        Assert.Equal(2L, Scalar(database, "SELECT count(*) FROM pragma_table_info('hosts') WHERE name IN ('public_visible', 'metadata_updated_at');"));
    }

    /// <summary>The step that adds hosts.silenced_until (migration 7).</summary>
    private const int SilenceStep = 7;

    [Fact]
    public void Apply_should_keep_a_silence_and_add_its_column_once_when_the_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var store = new HostStore(database, TimeProvider.System);
        var nas = store.Add("nas").Host.Id;
        var until = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600);
        store.SetSilence(nas, until);
        Execute(database, $"PRAGMA user_version = {SilenceStep - 1};");

        database.Initialise();

        Assert.Equal(until, store.LoadSilences()[nas]);
        Assert.Equal(1L, Scalar(database, "SELECT count(*) FROM pragma_table_info('hosts') WHERE name = 'silenced_until';"));
        using var connection = database.Open();
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
    }

    [Fact]
    public void Apply_should_leave_hosts_unsilenced_when_a_version_6_database_is_upgraded()
    {
        var database = DatabaseAt(version: SilenceStep - 1);
        var nas = new HostStore(database, TimeProvider.System).Add("nas").Host.Id;

        database.Initialise();

        var details = new HostStore(database, TimeProvider.System).ListDetails().Single();
        Assert.Equal(nas, details.Host.Id);
        Assert.Null(details.SilencedUntil);
    }

    /// <summary>The step that adds maintenance_windows (migration 8).</summary>
    private const int MaintenanceStep = 8;

    [Fact]
    public void Apply_should_keep_maintenance_windows_when_their_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var added = new MaintenanceStore(database).Add(new MaintenanceWindow(0, "patching", start, start.AddHours(1),
            Recurrence.Weekly, HostPattern.Everyone, new Dictionary<string, string>(), start));
        Execute(database, $"PRAGMA user_version = {MaintenanceStep - 1};");

        database.Initialise();

        Assert.Equal(added, new MaintenanceStore(database).LoadAll().Single() with { ScopeTags = added.ScopeTags });
        using var connection = database.Open();
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
    }

    /// <summary>The step that adds the tag inventory (migration 9).</summary>
    private const int TagsStep = 9;

    [Fact]
    public void Apply_should_list_the_tags_hosts_carry_when_a_version_8_database_is_upgraded()
    {
        var database = DatabaseAt(version: TagsStep - 1);
        new HostStore(database, TimeProvider.System).Add("nas");
        new HostStore(database, TimeProvider.System).Add("pi");
        Execute(database, """
            UPDATE hosts SET tags_json = '{"env":"prod","gpu":""}' WHERE name = 'nas';
            UPDATE hosts SET tags_json = 'not json' WHERE name = 'pi';
            """);

        database.Initialise();

        var tags = new TagStore(database, TimeProvider.System).List();
        Assert.Equal(["env", "gpu"], tags.Select(tag => tag.Key));
        Assert.Equal(["prod"], tags[0].Values);
        Assert.Empty(tags[1].Values);
    }

    [Fact]
    public void Apply_should_keep_the_inventory_when_its_step_runs_again()
    {
        var database = DatabaseAt(version: Migrations.Latest);
        var store = new TagStore(database, TimeProvider.System);
        store.Add("env", "where it runs", ["prod", "home"]);
        Execute(database, $"PRAGMA user_version = {TagsStep - 1};");

        database.Initialise();

        var tag = Assert.Single(store.List());
        Assert.Equal(("env", "where it runs"), (tag.Key, tag.Description));
        Assert.Equal(["home", "prod"], tag.Values);
    }

    private static long Scalar(LumenDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private LumenDatabase DatabaseAt(int version)
    {
        Directory.CreateDirectory(_folder);
        var database = new LumenDatabase(Path.Combine(_folder, "lumen.db"));
        using (var connection = database.Open()) Migrations.Apply(connection, target: version);
        return database;
    }

    private static void Execute(LumenDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Each rollup row as minute:samples:cpu sum, oldest first.</summary>
    private static string Rollup(LumenDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(minute_ts || ':' || samples || ':' || cast(cpu_pct AS INTEGER), '|') FROM (SELECT * FROM snapshot_minutes ORDER BY minute_ts);";
        return (string)command.ExecuteScalar()!;
    }
}
