using Lumen.Hub.Hosts;
using Lumen.Hub.LiveFeed;
using Lumen.Protocol.Live;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class LiveFeedSubscribersSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly LiveSnapshot[] Hosts = [new() { HostId = 1, Host = "nas" }, new() { HostId = 2, Host = "pi" }];

    private readonly LiveFeedSubscribers _subscribers = new();

    private PublishOutcome Publish(DateTimeOffset at) => _subscribers.Publish(new LiveFrameBuilder(Hosts), at);

    [Fact]
    public void LiveFeedSubscribers_should_keep_the_newest_frames_when_a_queue_is_full()
    {
        var queue = new LiveSubscriberQueue(capacity: 2);
        _subscribers.Add(1, queue, LiveSubscription.All);

        var frames = new List<LiveFrame>();
        for (var i = 0; i < 5; i++)
        {
            var builder = new LiveFrameBuilder(Hosts);
            frames.Add(builder.FrameFor(LiveSubscription.All));
            _subscribers.Publish(builder, T0.AddSeconds(5 * i));
        }

        Assert.Equal(3, queue.Dropped);
        Assert.True(queue.Reader.TryRead(out var oldestKept));
        Assert.True(queue.Reader.TryRead(out var newest));
        Assert.Same(frames[3], oldestKept);
        Assert.Same(frames[4], newest);
    }

    [Fact]
    public void LiveFeedSubscribers_should_report_drops_at_once_and_then_at_most_once_a_minute()
    {
        var queue = new LiveSubscriberQueue(capacity: 1);
        _subscribers.Add(1, queue, LiveSubscription.All);

        Assert.Empty(Publish(T0).Dropping);
        var first = Assert.Single(Publish(T0.AddSeconds(5)).Dropping);
        var quiet = Enumerable.Range(2, 10).SelectMany(i => Publish(T0.AddSeconds(5 * i)).Dropping).ToList();
        var second = Assert.Single(Publish(T0.AddSeconds(65)).Dropping);

        Assert.Equal((1L, 1L), (first.SubscriberId, first.Dropped));
        Assert.Empty(quiet);
        Assert.Equal(11, second.Dropped); // every drop since the first report, none lost from the count
        Assert.Equal(12, queue.Dropped);
    }

    [Fact]
    public void LiveFeedSubscribers_should_report_nothing_for_a_connection_that_keeps_up()
    {
        var queue = new LiveSubscriberQueue(capacity: 1);
        _subscribers.Add(1, queue, LiveSubscription.All);

        for (var i = 0; i < 20; i++)
        {
            Assert.Empty(Publish(T0.AddSeconds(5 * i)).Dropping);
            Assert.True(queue.Reader.TryRead(out _));
        }
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public void LiveFeedSubscribers_should_remove_a_connection_whose_queue_was_completed()
    {
        var ended = new LiveSubscriberQueue();
        _subscribers.Add(1, ended, LiveSubscription.All);
        _subscribers.Add(2, new LiveSubscriberQueue(), LiveSubscription.All);
        ended.Complete();

        var outcome = Publish(T0);

        Assert.Equal([1L], outcome.Ended);
        Assert.Equal(1, outcome.Offered);
        Assert.Equal(1, _subscribers.Count);
    }

    [Fact]
    public void LiveFeedSubscribers_should_give_each_connection_the_frame_of_its_own_subscription()
    {
        var all = new LiveSubscriberQueue();
        var pi = new LiveSubscriberQueue();
        _subscribers.Add(1, all, LiveSubscription.All);
        _subscribers.Add(2, pi, LiveSubscription.All);
        Assert.True(_subscribers.Change(2, LiveSubscription.For(["pi"])));
        Assert.False(_subscribers.Change(3, LiveSubscription.For(["pi"])));

        Publish(T0);

        Assert.True(all.Reader.TryRead(out var allFrame));
        Assert.True(pi.Reader.TryRead(out var piFrame));
        Assert.Contains("\"nas\"", System.Text.Encoding.UTF8.GetString(allFrame.Utf8Json.Span));
        Assert.DoesNotContain("\"nas\"", System.Text.Encoding.UTF8.GetString(piFrame.Utf8Json.Span));
    }
}
