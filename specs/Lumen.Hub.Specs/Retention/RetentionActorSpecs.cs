using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Hosts;
using Lumen.Hub.History;
using Lumen.Hub.Retention;
using Lumen.Hub.Storage;
using Lumen.Hub.Settings;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Retention;

public sealed class RetentionActorSpecs : TestKit, IDisposable
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    private readonly TempDatabase _db = new();
    private readonly SettingsStore _settings;
    private readonly long _hostId;

    public RetentionActorSpecs() : base(VirtualTime)
    {
        _settings = new SettingsStore(_db.Database, SettingDefaults.BuiltIn, TimeProvider.System);
        _hostId = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id.Value;
        _settings.Write(new Dictionary<string, string> { ["retention_window"] = "1h", ["retention_interval"] = "1h" });
        Sys.EventStream.Subscribe(TestActor, typeof(RetentionSwept));
    }

    /// <summary>A value of 1 for every scalar metric's column.</summary>
    private static readonly string Ones = string.Join(", ", ScalarMetrics.All.Select(_ => "1"));

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void InsertRowAged(TimeSpan age)
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO snapshots (host_id, ts, {ScalarColumns.Names}) VALUES ($h, $ts, {Ones});
            """;
        command.Parameters.AddWithValue("$h", _hostId);
        command.Parameters.AddWithValue("$ts", (Clock.Now - age).ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        SumMinutes();
    }

    /// <summary>What the hub's rollup does within minutes: raw rows are swept only once their minutes are summed.</summary>
    private void SumMinutes() => new MinuteRollupStore(_db.Database).RollUp(Clock.Now);

    private void InsertBucketAged(TimeSpan age)
    {
        var ts = TierSums.SlotOf((Clock.Now - age).ToUnixTimeMilliseconds(), 300_000);
        _db.Execute($"""
            INSERT INTO snapshot_buckets (host_id, bucket_ts, samples, {ScalarColumns.TierNames}) VALUES ({_hostId}, {ts}, 60, {string.Join(", ", ScalarMetrics.All.Select(_ => "60, 1, 1"))});
            INSERT INTO snapshot_buckets_until (host_id, until_ms, bucket_ms) VALUES ({_hostId}, {ts + 300_000}, 300000)
                ON CONFLICT (host_id) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms);
            """);
    }

    private long Buckets => _db.Scalar("SELECT count(*) FROM snapshot_buckets");

    private long Rows => _db.Scalar("SELECT count(*) FROM snapshots");

    /// <summary>Starts the actor and waits until it has run PreStart, so its timer exists before time moves.</summary>
    private async Task StartRetentionAsync()
    {
        var retention = Sys.ActorOf(RetentionActor.Props(_settings, new RetentionStore(_db.Database)));
        await retention.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task RetentionActor_should_delete_rows_older_than_the_window_on_its_first_beat()
    {
        InsertRowAged(TimeSpan.FromHours(2));
        InsertRowAged(TimeSpan.FromMinutes(10));
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        var swept = await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));

        Assert.Equal(1, swept.Result.RowsDeleted);
        Assert.Equal(1, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_wait_an_interval_between_sweeps()
    {
        await StartRetentionAsync();
        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        InsertRowAged(TimeSpan.FromHours(3));

        await AdvanceInBeatsAsync(TimeSpan.FromMinutes(59));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, Rows);

        await AdvanceInBeatsAsync(TimeSpan.FromMinutes(1));
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_apply_a_changed_setting_at_the_next_beat_without_restart()
    {
        await StartRetentionAsync();
        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        InsertRowAged(TimeSpan.FromMinutes(20));

        _settings.Write(new Dictionary<string, string> { ["retention_window"] = "10m", ["retention_interval"] = "1m" });
        await AdvanceInBeatsAsync(TimeSpan.FromMinutes(1));

        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_apply_a_shorter_window_at_the_next_beat_without_waiting_an_interval()
    {
        await StartRetentionAsync();
        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        InsertRowAged(TimeSpan.FromMinutes(20));

        _settings.Write(new Dictionary<string, string> { ["retention_window"] = "10m" });
        await AdvanceInBeatsAsync(RetentionActor.Heartbeat);

        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_keep_raw_rows_whose_minutes_are_not_summed_yet()
    {
        InsertRowAged(TimeSpan.FromHours(2));
        // Stored after the rollup's last pass, for a minute it has passed: not summed until the writer or a pass adds it.
        _db.Execute($"UPDATE snapshot_minutes_until SET until_ms = {(Clock.Now - TimeSpan.FromHours(3)).ToUnixTimeMilliseconds()};");
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        var swept = await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));

        Assert.Equal(0, swept.Result.RowsDeleted);
        Assert.Equal(1, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_delete_buckets_older_than_the_archive_window_and_keep_younger_ones()
    {
        _settings.Write(new Dictionary<string, string> { ["downsample_archive_window"] = "30d" });
        InsertBucketAged(TimeSpan.FromDays(31));
        InsertBucketAged(TimeSpan.FromDays(29));
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        var swept = await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));

        Assert.Equal(1, swept.Result.BucketsDeleted);
        Assert.Equal(1, Buckets);
    }

    [Fact]
    public async Task RetentionActor_should_not_sweep_when_the_interval_is_zero()
    {
        _settings.Write(new Dictionary<string, string> { ["retention_interval"] = "0" });
        InsertRowAged(TimeSpan.FromDays(30));
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        await AdvanceInBeatsAsync(TimeSpan.FromMinutes(5));

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, Rows);
    }

    [Fact]
    public async Task RetentionActor_should_delete_large_backlogs_in_bounded_chunks()
    {
        using (var connection = _db.Database.Open())
        using (var tx = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"INSERT INTO snapshots (host_id, ts, {ScalarColumns.Names}) VALUES ($h, $ts, {Ones});";
            var h = command.Parameters.AddWithValue("$h", _hostId);
            var ts = command.Parameters.AddWithValue("$ts", 0L);
            var oldest = (Clock.Now - TimeSpan.FromDays(2)).ToUnixTimeMilliseconds();
            for (var i = 0; i < 12_001; i++)
            {
                ts.Value = oldest + i * 5000L;
                command.ExecuteNonQuery();
            }
            tx.Commit();
        }
        SumMinutes();
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        var swept = await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(10));

        Assert.Equal(12_001, swept.Result.RowsDeleted);
        Assert.Equal(3, swept.Result.Chunks);
    }

    private void InsertAlertEvent(long id, string state, TimeSpan resolvedAgo)
    {
        var resolvedAt = state == "resolved" ? (Clock.Now - resolvedAgo).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";
        _db.Execute($"""
            INSERT INTO alert_events (id, rule_id, rule_name, host_id, host, metric, severity, state, message, started_at, resolved_at)
            VALUES ({id}, 1, 'r', {_hostId}, 'nas', 'cpu_pct', 'warning', '{state}', 'm', 0, {resolvedAt});
            """);
    }

    [Fact]
    public async Task RetentionActor_should_delete_resolved_alert_events_older_than_their_window_and_keep_firing_ones()
    {
        _settings.Write(new Dictionary<string, string> { ["retention_alerts_window"] = "48h" });
        InsertAlertEvent(1, "resolved", TimeSpan.FromHours(72));
        InsertAlertEvent(2, "resolved", TimeSpan.FromHours(24));
        InsertAlertEvent(3, "firing", TimeSpan.Zero);
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));

        Assert.Equal("2,3", _db.String("SELECT group_concat(id) FROM (SELECT id FROM alert_events ORDER BY id)"));
    }

    private void InsertDelivery(long id, string status, TimeSpan createdAgo) =>
        _db.Execute($"""
            INSERT INTO notification_deliveries (id, event_id, channel_id, channel_name, channel_type, status, payload, created_at)
            VALUES ({id}, {id}, 1, 'Ops', 'webhook', '{status}', '', {(Clock.Now - createdAgo).ToUnixTimeMilliseconds()});
            """);

    [Fact]
    public async Task RetentionActor_should_delete_finished_deliveries_older_than_the_alerts_window_and_keep_waiting_ones()
    {
        _settings.Write(new Dictionary<string, string> { ["retention_alerts_window"] = "48h" });
        InsertDelivery(1, "sent", TimeSpan.FromHours(72));
        InsertDelivery(2, "failed", TimeSpan.FromHours(72));
        InsertDelivery(3, "dropped", TimeSpan.FromHours(72));
        InsertDelivery(4, "pending", TimeSpan.FromHours(72));
        InsertDelivery(5, "sent", TimeSpan.FromHours(24));
        await StartRetentionAsync();

        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<RetentionSwept>(TimeSpan.FromSeconds(5));

        Assert.Equal("4,5", _db.String("SELECT group_concat(id) FROM (SELECT id FROM notification_deliveries ORDER BY id)"));
    }

    /// <summary>Moves virtual time one heartbeat at a time, letting each beat's database work finish.</summary>
    private async Task AdvanceInBeatsAsync(TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += RetentionActor.Heartbeat)
        {
            Clock.Advance(RetentionActor.Heartbeat);
            await Task.Delay(10);
        }
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _db.Dispose();
    }
}
