using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

public sealed class HistoryRollupActorSpecs : TestKit, IDisposable
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    private readonly TempDatabase _db = new();

    public HistoryRollupActorSpecs() : base(VirtualTime) => Sys.EventStream.Subscribe(TestActor, typeof(HistoryRolledUp));

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private SettingsStore Settings => new(_db.Database, SettingDefaults.BuiltIn, TimeProvider.System);

    private async Task<IActorRef> StartRollup()
    {
        var rollup = Sys.ActorOf(HistoryRollupActor.Props(new MinuteRollupStore(_db.Database), new BucketRollupStore(_db.Database),
            new BucketRollupStore(_db.Database, CoarseTier.Hours), Settings));
        await rollup.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3));
        return rollup;
    }

    [Fact]
    public async Task HistoryRollupActor_should_sum_old_enough_minutes_and_their_buckets_on_start_and_then_every_beat()
    {
        var nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TierSums.MinuteOf(Clock.Now.ToUnixTimeMilliseconds()));
        Write(_db.Database, Row(nas, now.AddMinutes(-10), 1), Row(nas, now.AddMinutes(-2), 2));
        await StartRollup();

        var passes = new List<HistoryRolledUp>();
        Clock.Advance(TimeSpan.Zero);
        passes.Add(await ExpectMsgAsync<HistoryRolledUp>(TimeSpan.FromSeconds(5)));
        for (var beat = 1; beat <= 4; beat++)
        {
            Clock.Advance(HistoryRollupActor.Heartbeat);
            passes.Add(await ExpectMsgAsync<HistoryRolledUp>(TimeSpan.FromSeconds(5)));
        }

        // The row 10 min old at once, minute and 5 m bucket; the one 2 min old not before it is 3 min old
        // (a minute or more later, as the clock stands within its minute), and then once.
        Assert.Equal([1L, 0L], passes.Take(2).Select(pass => pass.Minutes.Rows));
        Assert.Equal(2L, passes.Sum(pass => pass.Minutes.Rows));
        Assert.Equal(1L, passes[0].Buckets.Rows);
        Assert.Equal(passes.Sum(pass => pass.Hours.Rows), _db.Scalar("SELECT count(*) FROM snapshot_hours;"));
    }

    [Fact]
    public async Task HistoryRollupActor_should_sum_buckets_at_a_new_bucket_size_from_the_next_beat()
    {
        var nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
        var day = TierSums.SlotOf(Clock.Now.ToUnixTimeMilliseconds(), HistoryStep.DayMs) - HistoryStep.DayMs;
        // Yesterday, from midnight: an hour of rows a minute apart.
        Write(_db.Database, [.. Enumerable.Range(0, 60).Select(i => Row(nas, DateTimeOffset.FromUnixTimeMilliseconds(day).AddMinutes(i), i))]);
        Settings.Write(new Dictionary<string, string> { ["downsample_bucket_size"] = "30m" });
        await StartRollup();

        Clock.Advance(TimeSpan.Zero);
        await ExpectMsgAsync<HistoryRolledUp>(TimeSpan.FromSeconds(5));

        Assert.Equal([(day, 30L), (day + 30 * 60_000, 30L)], Buckets(nas));
    }

    private List<(long Ts, long Samples)> Buckets(Lumen.Hub.Hosts.HostId host)
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT bucket_ts, samples FROM snapshot_buckets WHERE host_id = {host.Value} ORDER BY bucket_ts;";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return rows;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _db.Dispose();
    }
}
