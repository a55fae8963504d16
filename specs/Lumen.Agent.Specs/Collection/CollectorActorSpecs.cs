using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Collecting;
using Lumen.Agent.Collectors;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Collection;

/// <summary>The collector's ticking in virtual time, with a probe in the sender's place.</summary>
public sealed class CollectorActorSpecs() : TestKit(VirtualTime)
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";
    private static readonly TimeSpan Configured = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FromPolicy = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task Collector_should_tick_at_the_interval_the_sender_follows_when_it_is_started_again()
    {
        // As its backoff supervisor starts it after a crash: built with the configured
        // interval, while the sender has since taken another from the hub's policy.
        var sender = CreateTestProbe();
        var collector = Sys.ActorOf(CollectorActor.Props(() => new FrameCollector([]), sender.Ref, "box", Configured));
        var start = Clock.Now;

        await sender.FishForMessageAsync(m => m is SenderQueries.GetCollectionInterval, Wait);
        await sender.ExpectMsgAsync<SenderQueries.GetProcessesPolicy>(Wait);
        sender.Send(collector, new CollectionInterval(FromPolicy));
        await collector.Ask<ActorIdentity>(new Identify(null), Wait); // the answer has been taken

        Clock.Advance(Configured);
        await sender.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Clock.Advance(FromPolicy - Configured);
        Assert.Equal(start + FromPolicy, (await sender.ExpectMsgAsync<SenderCommands.Send>(Wait)).Frame.Ts);
    }
}
