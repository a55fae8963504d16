using System.Net;
using Akka.Actor;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// Buffering: frames the hub did not take, or that came while the buffer may hold older ones,
/// go to the buffer, which each tick drains oldest first.
/// </summary>
public sealed class SenderBufferingSpecs : SenderSpec
{
    [Fact]
    public async Task Sender_should_hold_a_frame_until_the_buffer_says_whether_a_previous_run_left_frames()
    {
        var sender = Sys.ActorOf(SenderActor.Props(new HubClient(Http, "lum_spec"), BufferProbe.Ref, 10, TimeSpan.FromSeconds(5)));
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.GetBufferStatus>(Wait);
        var statusRequester = BufferProbe.LastSender;

        sender.Tell(new SenderCommands.Send(Frame(60)));
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300)); // held: not buffered yet
        Assert.Equal(0, Hub.Posts); // and not posted

        statusRequester.Tell(new BufferStatus(2, T0, 0, 0), BufferProbe.Ref);
        Assert.Equal(Frame(60).Ts, (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        Assert.Equal(0, Hub.Posts);
    }

    [Fact]
    public async Task Sender_should_keep_the_frames_waiting_behind_a_post_in_theBufferProbe_when_that_post_fails()
    {
        var sender = await StartSenderAsync();
        Hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref Hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        sender.Tell(new SenderCommands.Send(Frame(5)));
        Hub.Gate.SetResult();

        Assert.Equal(T0, (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(T0.AddSeconds(5), (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(1, Hub.Posts);
    }

    [Fact]
    public async Task Sender_shouldBufferProbe_what_arrives_beyond_the_frames_that_may_wait_behind_a_slow_post()
    {
        var sender = await StartSenderAsync();
        Hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref Hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        var waiting = SenderActor.MaxWaitingBehindPost;
        for (var i = 1; i <= waiting + 1; i++) sender.Tell(new SenderCommands.Send(Frame(5 * i)));

        // The one too many goes to the buffer at once; the others follow it there once the post is answered.
        Assert.Equal(T0.AddSeconds(5 * (waiting + 1)), (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Hub.Gate.SetResult();
        var kept = new List<DateTimeOffset>();
        for (var i = 1; i <= waiting; i++) kept.Add((await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);

        Assert.Equal(Enumerable.Range(1, waiting).Select(i => T0.AddSeconds(5 * i)), kept);
        await WhenHubHasAsync(1);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Sender_should_keep_the_frame_in_theBufferProbe_when_theHub_does_not_take_it(HttpStatusCode status)
    {
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(status);

        sender.Tell(new SenderCommands.Send(Frame(0)));

        Assert.Equal(T0, (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.False((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_keep_the_frame_when_theHub_cannot_be_reached()
    {
        await Hub.DisposeAsync(); // nothing listens there any more
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        Hub = await ScriptedHub.StartAsync();
    }

    [Fact]
    public async Task Sender_should_drain_theBufferProbe_oldest_first_at_its_pace_before_newer_frames()
    {
        var sender = await StartSenderAsync(drain: 2, buffered: 3);

        sender.Tell(new SenderCommands.Send(Frame(15)));

        Assert.Equal(Frame(15).Ts, (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame.Ts);
        Assert.Equal(2, (await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait)).Max);
        BufferProbe.Reply(new OldestFrames([new BufferedFrame(1, Frame(0)), new BufferedFrame(2, Frame(5))]));
        Assert.Equal([1L, 2L], (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);

        sender.Tell(new SenderCommands.Send(Frame(20)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new BufferedFrame(3, Frame(10)), new BufferedFrame(4, Frame(15))]));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);

        sender.Tell(new SenderCommands.Send(Frame(25)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new BufferedFrame(5, Frame(20)), new BufferedFrame(6, Frame(25))]));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);
        sender.Tell(new SenderCommands.Send(Frame(30)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new BufferedFrame(7, Frame(30))]));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait);

        // The buffer ran dry: the next frame goes straight to the hub again.
        sender.Tell(new SenderCommands.Send(Frame(35)));
        await WhenHubHasAsync(8);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => T0.AddSeconds(i * 5)), Hub.AcceptedTs);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Sender_should_stop_a_drain_at_the_first_frame_theHub_does_not_take_and_confirm_only_what_it_took()
    {
        var sender = await StartSenderAsync(drain: 3, buffered: 3);
        Hub.NextStatuses.Enqueue(HttpStatusCode.NoContent);
        Hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(15)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new(1, Frame(0)), new(2, Frame(5)), new(3, Frame(10))]));

        Assert.Equal([1L], (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);
        Assert.Equal(2, Hub.Posts);
        Assert.False((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_send_again_the_frames_not_yet_durable_when_theHub_restarted()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        await DeliverAsync(sender, 5, awaitingAfter: 2);

        Hub.Restart("instance-b");
        sender.Tell(new SenderCommands.Send(Frame(10)));

        var resent = new[]
        {
            await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
            await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
        };
        Assert.Equal([Frame(0).Ts, Frame(5).Ts], resent.Select(m => m.Frame.Ts));
    }

    [Fact]
    public async Task Sender_should_move_frames_not_yet_durable_to_theBufferProbe_when_theHub_goes_away()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        Hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);

        sender.Tell(new SenderCommands.Send(Frame(5)));

        var kept = new[]
        {
            await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
            await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait),
        };
        Assert.Equal([Frame(5).Ts, Frame(0).Ts], kept.Select(m => m.Frame.Ts)); // the buffer orders them by ts
        Assert.Equal(0, (await StatusOf(sender)).AwaitingDurability);
    }
}
