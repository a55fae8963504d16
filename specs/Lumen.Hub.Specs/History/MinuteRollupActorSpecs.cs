using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

public sealed class MinuteRollupActorSpecs : TestKit, IDisposable
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    private readonly TempDatabase _db = new();

    public MinuteRollupActorSpecs() : base(VirtualTime) => Sys.EventStream.Subscribe(TestActor, typeof(MinutesRolledUp));

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task MinuteRollupActor_should_sum_old_enough_minutes_on_start_and_then_every_minute()
    {
        var nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(MinuteSums.MinuteOf(Clock.Now.ToUnixTimeMilliseconds()));
        Write(_db.Database, Row(nas, now.AddMinutes(-10), 1), Row(nas, now.AddMinutes(-2), 2));
        var rollup = Sys.ActorOf(MinuteRollupActor.Props(new MinuteRollupStore(_db.Database)));
        await rollup.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3));

        Clock.Advance(TimeSpan.Zero);
        var first = await ExpectMsgAsync<MinutesRolledUp>(TimeSpan.FromSeconds(5));
        Clock.Advance(MinuteRollupActor.Heartbeat);
        var second = await ExpectMsgAsync<MinutesRolledUp>(TimeSpan.FromSeconds(5));
        Clock.Advance(MinuteRollupActor.Heartbeat);
        var third = await ExpectMsgAsync<MinutesRolledUp>(TimeSpan.FromSeconds(5));

        // The row 10 min old at once; the one 2 min old once it is 3 min old, a beat later.
        Assert.Equal([1L, 0L, 1L], new[] { first.Result.Minutes, second.Result.Minutes, third.Result.Minutes });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _db.Dispose();
    }
}
