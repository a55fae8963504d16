using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// The sender against a real HTTP hub on loopback (scripted answers) and a probe standing in
/// for the buffer, so every message it gets from the sender can be seen and answered.
/// Virtual time: only the specs move the sender's timers.
/// </summary>
public abstract class SenderSpec : TestKit, IAsyncLifetime
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";
    protected static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    protected SenderSpec() : base(VirtualTime)
    {
        BufferProbe = CreateTestProbe("buffer");
        CollectorProbe = CreateTestProbe("collector");
    }

    protected TestProbe BufferProbe { get; }
    protected TestProbe CollectorProbe { get; }
    protected ScriptedHub Hub { get; set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hub = await ScriptedHub.StartAsync();
        Http = new HttpClient { BaseAddress = Hub.Url };
    }

    protected static IngestFrame Frame(int second) => new() { Ts = T0.AddSeconds(second), [ScalarMetrics.CpuPct] = second % 100 };

    /// <summary>A sender whose buffer said it holds <paramref name="buffered"/> frames from a previous run.</summary>
    protected async Task<IActorRef> StartSenderAsync(int drain = 10, int buffered = 0)
    {
        Sys.EventStream.Subscribe(CollectorProbe.Ref, typeof(SenderEvents.IntervalChanged));
        var sender = Sys.ActorOf(SenderActor.Props(new HubClient(Http, "lum_spec"), BufferProbe.Ref, drain, TimeSpan.FromSeconds(5)));
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.GetBufferStatus>(Wait);
        BufferProbe.Reply(new BufferStatus(buffered, buffered > 0 ? T0 : null, 0, 0));
        return sender;
    }

    protected async Task<SenderStatus> StatusOf(IActorRef sender) =>
        await sender.Ask<SenderStatus>(SenderQueries.GetSenderStatus.Instance, Wait);

    protected Task WhenHubHasAsync(int frames) =>
        AwaitAssertAsync(() => Assert.Equal(frames, Hub.Accepted.Count), Wait, TimeSpan.FromMilliseconds(20));

    /// <summary>
    /// Sends a frame and waits until the sender has taken the hub's answer: a frame that
    /// arrives while a post is still in flight waits behind it, which is not what these specs test.
    /// </summary>
    protected async Task DeliverAsync(IActorRef sender, int second, int awaitingAfter)
    {
        sender.Tell(new SenderCommands.Send(Frame(second)));
        await AwaitAssertAsync(async () => Assert.Equal(awaitingAfter, (await StatusOf(sender)).AwaitingDurability), Wait, TimeSpan.FromMilliseconds(20));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Hub.DisposeAsync();
    }
}
