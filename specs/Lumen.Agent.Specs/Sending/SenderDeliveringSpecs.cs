using System.Net;
using Akka.Actor;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Sending;

/// <summary>Delivering: the buffer is empty, so frames go straight to the hub, or wait behind the post in flight.</summary>
public sealed class SenderDeliveringSpecs : SenderSpec
{
    [Fact]
    public async Task Sender_should_post_a_frame_straight_to_theHub_while_theBufferProbe_is_empty()
    {
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(Akka.Event.UnhandledMessage));
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await WhenHubHasAsync(1);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, (await StatusOf(sender)).AwaitingDurability);
        await unhandled.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the buffer's status reply included
    }

    [Fact]
    public async Task Sender_should_post_frames_that_arrive_during_a_slow_post_after_it_without_theBufferProbe()
    {
        var sender = await StartSenderAsync();
        Hub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref Hub.Posts)), Wait, TimeSpan.FromMilliseconds(20));
        sender.Tell(new SenderCommands.Send(Frame(5)));
        sender.Tell(new SenderCommands.Send(Frame(10)));
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Hub.Gate.SetResult();

        await WhenHubHasAsync(3);
        Assert.Equal([T0, T0.AddSeconds(5), T0.AddSeconds(10)], Hub.AcceptedTs);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Sender_should_forget_frames_once_theHub_reports_them_durable()
    {
        var sender = await StartSenderAsync();
        await DeliverAsync(sender, 0, awaitingAfter: 1);
        await DeliverAsync(sender, 5, awaitingAfter: 2);

        Hub.DurableSeq = 2;
        await DeliverAsync(sender, 10, awaitingAfter: 1);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task Sender_should_drop_a_frame_theHub_refuses_as_invalid(HttpStatusCode status)
    {
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(status);

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusOf(sender)).FramesRejected), Wait);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.True((await StatusOf(sender)).HubReachable);
    }

    [Fact]
    public async Task Sender_should_tell_theCollectorProbe_when_the_policy_asks_for_another_interval()
    {
        Hub.CollectionInterval = "10s";
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        Assert.Equal(TimeSpan.FromSeconds(10), (await CollectorProbe.ExpectMsgAsync<SenderEvents.IntervalChanged>(Wait)).Interval);
    }

    [Fact]
    public async Task Sender_should_tell_aCollectorProbe_that_starts_again_the_interval_the_policy_asked_for()
    {
        Hub.CollectionInterval = "10s";
        var sender = await StartSenderAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), (await sender.Ask<CollectionInterval>(SenderQueries.GetCollectionInterval.Instance, Wait)).Interval);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await CollectorProbe.ExpectMsgAsync<SenderEvents.IntervalChanged>(Wait);

        Assert.Equal(TimeSpan.FromSeconds(10), (await sender.Ask<CollectionInterval>(SenderQueries.GetCollectionInterval.Instance, Wait)).Interval);
    }

    [Fact]
    public async Task Sender_should_ignore_a_policy_interval_outside_the_agent_interval_bounds()
    {
        Hub.CollectionInterval = "2h";
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await WhenHubHasAsync(1);
        await CollectorProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromSeconds(5), (await sender.Ask<CollectionInterval>(SenderQueries.GetCollectionInterval.Instance, Wait)).Interval);
    }
}
