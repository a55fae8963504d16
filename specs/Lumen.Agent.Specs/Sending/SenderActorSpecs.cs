using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// The sender against a real HTTP hub on loopback (scripted answers) and a probe standing in
/// for the buffer, so every message it gets from the sender can be seen and answered.
/// </summary>
public sealed class SenderActorSpecs : TestKit, IAsyncLifetime
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _buffer;
    private readonly TestProbe _collector;
    private ScriptedHub _hub = null!;
    private HttpClient _http = null!;

    public SenderActorSpecs() : base(VirtualTime)
    {
        _buffer = CreateTestProbe("buffer");
        _collector = CreateTestProbe("collector");
    }

    public async Task InitializeAsync()
    {
        _hub = await ScriptedHub.StartAsync();
        _http = new HttpClient { BaseAddress = _hub.Url };
    }

    private static IngestFrame Frame(int second) => new() { Ts = T0.AddSeconds(second), CpuPct = second % 100 };

    private async Task<IActorRef> StartSenderAsync(int drain = 10, int buffered = 0)
    {
        Sys.EventStream.Subscribe(_collector.Ref, typeof(SenderEvents.IntervalChanged));
        var sender = Sys.ActorOf(SenderActor.Props(new HubClient(_http, "lum_spec"), _buffer.Ref, drain, TimeSpan.FromSeconds(5)));
        await _buffer.ExpectMsgAsync<FrameBufferQueries.GetBufferStatus>(Wait);
        _buffer.Reply(new BufferStatus(buffered, buffered > 0 ? T0 : null, 0, 0));
        return sender;
    }

    private async Task<SenderStatus> StatusOf(IActorRef sender) =>
        await sender.Ask<SenderStatus>(SenderQueries.GetSenderStatus.Instance, Wait);

    private Task WhenHubHasAsync(int frames) =>
        AwaitAssertAsync(() => Assert.Equal(frames, _hub.Accepted.Count), Wait, TimeSpan.FromMilliseconds(20));

    /// <summary>
    /// Sends a frame and waits until the sender has taken the hub's answer: a frame that
    /// arrives while a post is still in flight waits behind it, which is not what these specs test.
    /// </summary>
    private async Task DeliverAsync(IActorRef sender, int second, int awaitingAfter)
    {
        sender.Tell(new SenderCommands.Send(Frame(second)));
        await AwaitAssertAsync(async () => Assert.Equal(awaitingAfter, (await StatusOf(sender)).AwaitingDurability), Wait, TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task Sender_should_post_a_frame_straight_to_the_hub_while_the_buffer_is_empty()
    {
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(Akka.Event.UnhandledMessage));
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await WhenHubHasAsync(1);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, (await StatusOf(sender)).AwaitingDurability);
        await unhandled.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the buffer's status reply included
    }

    [Fact]
    public async Task Sender_should_hold_a_frame_until_the_buffer_says_whether_a_previous_run_left_frames()
    {
        var sender = Sys.ActorOf(SenderActor.Props(new HubClient(_http, "lum_spec"), _buffer.Ref, 10, TimeSpan.FromSeconds(5)));
        await _buffer.ExpectMsgAsync<FrameBufferQueries.GetBufferStatus>(Wait);
        var statusRequester = _buffer.LastSender;

        sender.Tell(new SenderCommands.Send(Frame(60)));
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300)); // held: not buffered yet
        Assert.Equal(0, _hub.Posts); // and not posted

        statusRequester.Tell(new BufferStatus(2, T0, 0, 0), _buffer.Ref);
        Assert.Equal(Frame(60).Ts, (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        Assert.Equal(0, _hub.Posts);
    }

    [Fact]
    public async Task Sender_should_post_frames_that_arrive_during_a_slow_post_after_it_without_the_buffer()
    {
        var sender = await StartSenderAsync();
        _hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref _hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        sender.Tell(new SenderCommands.Send(Frame(5)));
        sender.Tell(new SenderCommands.Send(Frame(10)));
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        _hub.Gate.SetResult();

        await WhenHubHasAsync(3);
        Assert.Equal([T0, T0.AddSeconds(5), T0.AddSeconds(10)], _hub.AcceptedTs);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Sender_should_keep_the_frames_waiting_behind_a_post_in_the_buffer_when_that_post_fails()
    {
        var sender = await StartSenderAsync();
        _hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref _hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        sender.Tell(new SenderCommands.Send(Frame(5)));
        _hub.Gate.SetResult();

        Assert.Equal(T0, (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(T0.AddSeconds(5), (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(1, _hub.Posts);
    }

    [Fact]
    public async Task Sender_should_buffer_what_arrives_beyond_the_frames_that_may_wait_behind_a_slow_post()
    {
        var sender = await StartSenderAsync();
        _hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref _hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        var waiting = SenderActor.MaxWaitingBehindPost;
        for (var i = 1; i <= waiting + 1; i++) sender.Tell(new SenderCommands.Send(Frame(5 * i)));

        // The one too many goes to the buffer at once; the others follow it there once the post is answered.
        Assert.Equal(T0.AddSeconds(5 * (waiting + 1)), (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        _hub.Gate.SetResult();
        var kept = new List<DateTimeOffset>();
        for (var i = 1; i <= waiting; i++) kept.Add((await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);

        Assert.Equal(Enumerable.Range(1, waiting).Select(i => T0.AddSeconds(5 * i)), kept);
        await WhenHubHasAsync(1);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Sender_should_keep_the_frame_in_the_buffer_when_the_hub_does_not_take_it(HttpStatusCode status)
    {
        var sender = await StartSenderAsync();
        _hub.NextStatuses.Enqueue(status);

        sender.Tell(new SenderCommands.Send(Frame(0)));

        Assert.Equal(T0, (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.False((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_keep_the_frame_when_the_hub_cannot_be_reached()
    {
        await _hub.DisposeAsync(); // nothing listens there any more
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        _hub = await ScriptedHub.StartAsync();
    }

    [Fact]
    public async Task Sender_should_drain_the_buffer_oldest_first_at_its_pace_before_newer_frames()
    {
        var sender = await StartSenderAsync(drain: 2, buffered: 3);

        sender.Tell(new SenderCommands.Send(Frame(15)));

        Assert.Equal(Frame(15).Ts, (await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(2, (await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait)).Max);
        _buffer.Reply(new OldestFrames([new BufferedFrame(1, Frame(0)), new BufferedFrame(2, Frame(5))]));
        Assert.Equal([1L, 2L], (await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);

        sender.Tell(new SenderCommands.Send(Frame(20)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        _buffer.Reply(new OldestFrames([new BufferedFrame(3, Frame(10)), new BufferedFrame(4, Frame(15))]));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);

        sender.Tell(new SenderCommands.Send(Frame(25)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        _buffer.Reply(new OldestFrames([new BufferedFrame(5, Frame(20)), new BufferedFrame(6, Frame(25))]));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);
        sender.Tell(new SenderCommands.Send(Frame(30)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        _buffer.Reply(new OldestFrames([new BufferedFrame(7, Frame(30))]));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);

        // The buffer ran dry: the next frame goes straight to the hub again.
        sender.Tell(new SenderCommands.Send(Frame(35)));
        await WhenHubHasAsync(8);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => T0.AddSeconds(i * 5)), _hub.AcceptedTs);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Sender_should_stop_a_drain_at_the_first_frame_the_hub_does_not_take_and_confirm_only_what_it_took()
    {
        var sender = await StartSenderAsync(drain: 3, buffered: 3);
        _hub.NextStatuses.Enqueue(HttpStatusCode.NoContent);
        _hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(15)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        _buffer.Reply(new OldestFrames([new(1, Frame(0)), new(2, Frame(5)), new(3, Frame(10))]));

        Assert.Equal([1L], (await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);
        Assert.Equal(2, _hub.Posts);
        Assert.False((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_send_again_the_frames_not_yet_durable_when_the_hub_restarted()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        await DeliverAsync(sender, 5, awaitingAfter: 2);

        _hub.Restart("instance-b");
        sender.Tell(new SenderCommands.Send(Frame(10)));

        var resent = new[]
        {
            await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
            await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
        };
        Assert.Equal([Frame(0).Ts, Frame(5).Ts], resent.Select(m => m.Frame.Ts));
    }

    [Fact]
    public async Task Sender_should_forget_frames_once_the_hub_reports_them_durable()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        await DeliverAsync(sender, 5, awaitingAfter: 2);

        _hub.DurableSeq = 2;
        await DeliverAsync(sender, 10, awaitingAfter: 1);
    }

    [Fact]
    public async Task Sender_should_move_frames_not_yet_durable_to_the_buffer_when_the_hub_goes_away()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        _hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(5)));

        var kept = new[]
        {
            await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
            await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
        };
        Assert.Equal([Frame(5).Ts, Frame(0).Ts], kept.Select(m => m.Frame.Ts)); // the buffer orders them by ts
        Assert.Equal(0, (await StatusOf(sender)).AwaitingDurability);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task Sender_should_drop_a_frame_the_hub_refuses_as_invalid(HttpStatusCode status)
    {
        var sender = await StartSenderAsync();
        _hub.NextStatuses.Enqueue(status);

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusOf(sender)).FramesRejected), Wait);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.True((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_keep_frames_and_retry_only_after_a_minute_when_the_token_is_refused()
    {
        var sender = await StartSenderAsync();
        _hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);
        sender.Tell(new SenderCommands.Send(Frame(0)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        Assert.True((await StatusOf(sender)).Unauthorized);

        sender.Tell(new SenderCommands.Send(Frame(5)));
        await _buffer.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await _buffer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, _hub.Posts);

        ((TestScheduler)Sys.Scheduler).Advance(SenderActor.UnauthorizedRetryEvery);

        await _buffer.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        _buffer.Reply(new OldestFrames([new(1, Frame(0)), new(2, Frame(5))]));
        Assert.Equal([1L, 2L], (await _buffer.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);
        Assert.False((await StatusOf(sender)).Unauthorized);
    }

    [Fact]
    public async Task Sender_should_tell_the_collector_when_the_policy_asks_for_another_interval()
    {
        _hub.CollectionInterval = "10s";
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        Assert.Equal(TimeSpan.FromSeconds(10), (await _collector.ExpectMsgAsync<SenderEvents.IntervalChanged>(Wait)).Interval);
    }

    [Fact]
    public async Task Sender_should_tell_a_collector_that_starts_again_the_interval_the_policy_asked_for()
    {
        _hub.CollectionInterval = "10s";
        var sender = await StartSenderAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), (await sender.Ask<CollectionInterval>(SenderQueries.GetCollectionInterval.Instance, Wait)).Interval);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await _collector.ExpectMsgAsync<SenderEvents.IntervalChanged>(Wait);

        Assert.Equal(TimeSpan.FromSeconds(10), (await sender.Ask<CollectionInterval>(SenderQueries.GetCollectionInterval.Instance, Wait)).Interval);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _hub.DisposeAsync();
    }
}
