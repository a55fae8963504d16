using System.Text.Json;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Hosts;
using Lumen.Hub.LiveFeed;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Json;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.LiveFeed;

/// <summary>The feed with the real hosts actor, on virtual time.</summary>
public sealed class LiveFeedActorSpecs : TestKit
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly HostId Nas = new(1);
    private static readonly HostId Pi = new(2);

    private readonly IActorRef _hosts;
    private IActorRef _feed = ActorRefs.Nobody;

    public LiveFeedActorSpecs() : base(HostMailbox.Hocon + "\n" + VirtualTime)
    {
        _hosts = Sys.ActorOf(HostsActor.Props(), "hosts");
        Sys.EventStream.Subscribe(TestActor, typeof(LiveFramesPublished));
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void Record(HostId host, string name, int second, double cpu) =>
        _hosts.Tell(new HostCommands.RecordSnapshot(host, name, Frames.AfterT0(second, cpu), Frames.T0.AddSeconds(second + 1)));

    /// <summary>Starts the feed on the given hosts actor and waits until its timer exists.</summary>
    private async Task StartFeedAsync(IActorRef? hosts = null)
    {
        _feed = Sys.ActorOf(LiveFeedActor.Props(hosts ?? _hosts, Interval));
        await StatusAsync();
    }

    private async Task<LiveFeedStatus> StatusAsync() =>
        await _feed.Ask<LiveFeedStatus>(LiveFeedQueries.GetStatus.Instance, Wait);

    private async Task<LiveSubscriberQueue> SubscribeAsync(long id, LiveSubscription? subscription = null, int capacity = LiveSubscriberQueue.DefaultCapacity)
    {
        var queue = new LiveSubscriberQueue(capacity);
        _feed.Tell(new LiveFeedCommands.Subscribe(id, queue, subscription ?? LiveSubscription.All));
        await StatusAsync(); // the subscription is in place before time moves
        return queue;
    }

    private async Task<LiveFramesPublished> NextIntervalAsync()
    {
        Clock.Advance(Interval);
        return await ExpectMsgAsync<LiveFramesPublished>(Wait);
    }

    private static LiveSnapshot[] Read(LiveSubscriberQueue queue)
    {
        Assert.True(queue.Reader.TryRead(out var frame), "no frame queued");
        return JsonSerializer.Deserialize(frame.Utf8Json.Span, LumenJson.LiveSnapshotArray)!;
    }

    [Fact]
    public async Task LiveFeedActor_should_hand_each_subscriber_every_hosts_latest_snapshot_each_interval()
    {
        Record(Nas, "nas", 0, 10);
        Record(Pi, "pi", 0, 90);
        Record(Nas, "nas", 5, 20);
        await StartFeedAsync();
        var first = await SubscribeAsync(1);
        var second = await SubscribeAsync(2);

        var published = await NextIntervalAsync();

        Assert.Equal((2, 2), (published.Hosts, published.Subscribers));
        foreach (var queue in new[] { first, second })
        {
            var frame = Read(queue);
            Assert.Equal(["nas", "pi"], frame.Select(s => s.Host));
            Assert.Equal([1L, 2L], frame.Select(s => s.HostId));
            Assert.Equal(20, frame[0][ScalarMetrics.CpuPct]);
            Assert.Equal([10f, 20f], frame[0].CpuSeries!.Select(p => p.CpuPct));
            Assert.Equal(Frames.T0.AddSeconds(6), frame[0].ReceivedAt);
        }

        Record(Pi, "pi", 5, 50);
        await NextIntervalAsync();
        Assert.Equal(50, Read(first).Single(s => s.Host == "pi")[ScalarMetrics.CpuPct]);
    }

    [Fact]
    public async Task LiveFeedActor_should_send_the_series_whole_in_the_first_frame_and_only_its_new_points_after()
    {
        Record(Nas, "nas", 0, 10);
        Record(Nas, "nas", 5, 20);
        await StartFeedAsync();
        var queue = await SubscribeAsync(1);

        var first = await NextIntervalAsync();
        var full = Assert.Single(Read(queue));
        Record(Nas, "nas", 10, 30);
        Record(Nas, "nas", 15, 40);
        var second = await NextIntervalAsync();
        var delta = Assert.Single(Read(queue));
        var third = await NextIntervalAsync();
        var quiet = Assert.Single(Read(queue));

        Assert.Equal((1, 0, 0), (first.FullFrames, second.FullFrames, third.FullFrames));
        Assert.Equal([10f, 20f], full.CpuSeries!.Select(p => p.CpuPct));
        Assert.Null(full.CpuAppend);
        Assert.Null(delta.CpuSeries);
        Assert.Equal(full.CpuSeries![^1].Ts, delta.CpuAfterTs);
        Assert.Equal([30f, 40f], delta.CpuAppend!.Select(p => p.CpuPct));
        Assert.Equal(40, delta[ScalarMetrics.CpuPct]);
        Assert.Empty(quiet.CpuAppend!);
        Assert.Equal(delta.CpuAppend![^1].Ts, quiet.CpuAfterTs);
    }

    [Fact]
    public async Task LiveFeedActor_should_send_a_new_subscriber_the_full_frame_while_the_others_get_the_delta_of_the_same_round()
    {
        Record(Nas, "nas", 0, 10);
        Record(Pi, "pi", 0, 90);
        await StartFeedAsync();
        var early = await SubscribeAsync(1);
        var narrowed = await SubscribeAsync(2, LiveSubscription.For(["pi"]));
        await NextIntervalAsync();
        Read(early);
        Read(narrowed);

        Record(Nas, "nas", 5, 20);
        var late = await SubscribeAsync(3);
        var published = await NextIntervalAsync();

        Assert.Equal((3, 1, 3), (published.Subscribers, published.FullFrames, published.DistinctFrames));
        Assert.All(Read(early), s => Assert.Null(s.CpuSeries));
        Assert.Null(Assert.Single(Read(narrowed)).CpuSeries);
        var full = Read(late);
        Assert.Equal([[10f, 20f], [90f]], full.Select(s => s.CpuSeries!.Select(p => p.CpuPct).ToArray()));
    }

    [Fact]
    public async Task LiveFeedActor_should_send_the_full_frame_to_a_connection_whose_queue_dropped_frames()
    {
        Record(Nas, "nas", 0, 0);
        await StartFeedAsync();
        var stalled = await SubscribeAsync(1, capacity: 2);
        for (var i = 1; i <= 3; i++)
        {
            Record(Nas, "nas", 5 * i, i);
            await NextIntervalAsync(); // full, delta, then a delta that pushes the full frame out
        }
        Assert.Equal(1, stalled.Dropped);

        Record(Nas, "nas", 20, 4);
        var published = await NextIntervalAsync();

        Assert.Equal(1, published.FullFrames);
        Assert.Equal([3f], Read(stalled).Single().CpuAppend!.Select(p => p.CpuPct)); // no use without the delta before it...
        Assert.Equal([0f, 1f, 2f, 3f, 4f], Read(stalled).Single().CpuSeries!.Select(p => p.CpuPct)); // ...which the full frame makes good
    }

    [Fact]
    public async Task LiveFeedActor_should_collect_nothing_while_nobody_subscribes()
    {
        Record(Nas, "nas", 0, 10);
        await StartFeedAsync();

        Clock.Advance(Interval * 3);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, (await StatusAsync()).RoundsPublished);

        await SubscribeAsync(1);
        await NextIntervalAsync();
        Assert.Equal(1, (await StatusAsync()).RoundsPublished);
    }

    [Fact]
    public async Task LiveFeedActor_should_narrow_a_subscription_to_the_hosts_named_by_name_or_id_and_widen_it_again()
    {
        Record(Nas, "nas", 0, 10);
        Record(Pi, "pi", 0, 90);
        Record(new HostId(3), "router", 0, 5);
        await StartFeedAsync();
        var queue = await SubscribeAsync(1);

        _feed.Tell(new LiveFeedCommands.ChangeSubscription(1, LiveSubscription.For(["pi", "3"])));
        await NextIntervalAsync();
        Assert.Equal(["pi", "router"], Read(queue).Select(s => s.Host));

        _feed.Tell(new LiveFeedCommands.ChangeSubscription(1, LiveSubscription.All));
        await NextIntervalAsync();
        Assert.Equal(["nas", "pi", "router"], Read(queue).Select(s => s.Host));
    }

    [Fact]
    public async Task LiveFeedActor_should_build_one_frame_per_distinct_subscription()
    {
        Record(Nas, "nas", 0, 10);
        Record(Pi, "pi", 0, 90);
        await StartFeedAsync();
        var a = await SubscribeAsync(1);
        var b = await SubscribeAsync(2);
        var c = await SubscribeAsync(3, LiveSubscription.For(["pi"]));
        var d = await SubscribeAsync(4, LiveSubscription.For(["pi", "pi"]));

        var published = await NextIntervalAsync();

        Assert.Equal((4, 2), (published.Subscribers, published.DistinctFrames));
        LiveFrame Next(LiveSubscriberQueue queue) => queue.Reader.TryRead(out var frame) ? frame : throw new InvalidOperationException("no frame queued");
        Assert.Same(Next(a), Next(b));
        Assert.Same(Next(c), Next(d));
    }

    [Fact]
    public async Task LiveFeedActor_should_stop_sending_to_a_connection_that_unsubscribed()
    {
        Record(Nas, "nas", 0, 10);
        await StartFeedAsync();
        var leaving = await SubscribeAsync(1);
        var staying = await SubscribeAsync(2);

        _feed.Tell(new LiveFeedCommands.Unsubscribe(1));
        var published = await NextIntervalAsync();

        Assert.Equal(1, published.Subscribers);
        Assert.False(leaving.Reader.TryRead(out _));
        Assert.Single(Read(staying));
        Assert.Equal(1, (await StatusAsync()).Subscribers);
    }

    [Fact]
    public async Task LiveFeedActor_should_remove_a_connection_that_ended_without_unsubscribing()
    {
        Record(Nas, "nas", 0, 10);
        await StartFeedAsync();
        var ended = await SubscribeAsync(1);
        await SubscribeAsync(2);
        ended.Complete();

        var published = await NextIntervalAsync();

        Assert.Equal(1, published.Subscribers);
        Assert.Equal(1, (await StatusAsync()).Subscribers);
    }

    [Fact]
    public async Task LiveFeedActor_should_drop_the_oldest_frames_of_a_connection_that_does_not_read_and_log_it_once()
    {
        Record(Nas, "nas", 0, 10);
        await StartFeedAsync();
        var reader = await SubscribeAsync(1, capacity: 2);
        var stalled = await SubscribeAsync(2, capacity: 2);

        await EventFilter.Warning(contains: "not keeping up").ExpectOneAsync(async () =>
        {
            for (var i = 1; i <= 6; i++)
            {
                Record(Nas, "nas", 5 * i, i);
                await NextIntervalAsync();
                Assert.Equal(i, Read(reader).Single()[ScalarMetrics.CpuPct]); // the reading connection misses nothing
            }
        });

        Assert.Equal(4, stalled.Dropped);
        Assert.Equal(0, reader.Dropped);
        Assert.Equal(5, Read(stalled).Single()[ScalarMetrics.CpuPct]); // the newest two are kept
        Assert.Equal(6, Read(stalled).Single()[ScalarMetrics.CpuPct]);
    }

    [Fact]
    public async Task LiveFeedActor_should_send_the_frame_without_hosts_that_do_not_answer_in_time()
    {
        var hosts = CreateTestProbe();
        await StartFeedAsync(hosts);
        var queue = await SubscribeAsync(1);

        Clock.Advance(Interval);
        var collect = await hosts.ExpectMsgAsync<HostQueries.CollectLiveSnapshots>(Wait);
        collect.ReplyTo.Tell(new LiveCollectionStarted(collect.Round, 2));
        collect.ReplyTo.Tell(new HostLiveReport(collect.Round, Nas, new LiveSnapshot { HostId = 1, Host = "nas" }));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        Clock.Advance(Interval / 2);
        var published = await ExpectMsgAsync<LiveFramesPublished>(Wait);

        Assert.Equal(1, published.Hosts);
        Assert.Equal(["nas"], Read(queue).Select(s => s.Host));
    }
}
