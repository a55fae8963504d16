using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Runtime;

namespace Lumen.Agent.Specs.Runtime;

/// <summary>The trimming schedule in virtual time, with a trim that tells a probe.</summary>
public sealed class NativeHeapTrimActorSpecs() : TestKit(VirtualTime)
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task Trimmer_should_trim_once_start_up_has_settled_and_then_every_ten_minutes()
    {
        var trims = CreateTestProbe();
        var trimmer = Sys.ActorOf(NativeHeapTrimActor.Props(() => Told(trims, true)));
        await trimmer.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5)); // started, timer set

        Clock.Advance(NativeHeapTrimActor.FirstAfter - TimeSpan.FromSeconds(1));
        await trims.ExpectNoMsgAsync(Quiet);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await trims.ExpectMsgAsync("trim");
        Clock.Advance(NativeHeapTrimActor.Every - TimeSpan.FromSeconds(1));
        await trims.ExpectNoMsgAsync(Quiet);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await trims.ExpectMsgAsync("trim");
    }

    [Fact]
    public async Task Trimmer_should_stop_where_the_C_library_cannot_trim()
    {
        var trims = CreateTestProbe();
        var trimmer = Sys.ActorOf(NativeHeapTrimActor.Props(() => Told(trims, false)));
        Watch(trimmer);
        await trimmer.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));

        Clock.Advance(NativeHeapTrimActor.FirstAfter);

        await trims.ExpectMsgAsync("trim");
        await ExpectTerminatedAsync(trimmer);
    }

    [Fact]
    public void GlibcHeap_should_trim_on_this_glibc_machine()
    {
        Assert.True(GlibcHeap.TryTrim());
    }

    private static bool Told(TestProbe probe, bool result)
    {
        probe.Ref.Tell("trim");
        return result;
    }
}
