using System.Text;
using Lumen.Hub.LiveFeed;
using Lumen.Protocol.Live;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class LiveFeedSubscribersSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly LiveSnapshot[] Hosts = [new() { HostId = 1, Host = "nas" }, new() { HostId = 2, Host = "pi" }];

    private readonly LiveFeedSubscribers _subscribers = new();
    private LiveSeriesBaseline _baseline = LiveSeriesBaseline.None;
    private int _round;

    private PublishOutcome Publish(DateTimeOffset at) => _subscribers.Publish(new LiveFrameBuilder(Hosts), at);

    /// <summary>Round n of a feed: nas and pi each with n CPU points (one more each round), built on the previous round.</summary>
    private PublishOutcome PublishRound()
    {
        _round++;
        LiveSnapshot[] snapshots =
        [
            new() { HostId = 1, Host = "nas", CpuSeries = Points(_round) },
            new() { HostId = 2, Host = "pi", CpuSeries = Points(_round) },
        ];
        var outcome = _subscribers.Publish(new LiveFrameBuilder(snapshots, _baseline), T0.AddSeconds(5 * _round));
        _baseline = LiveSeriesBaseline.Of(snapshots);
        return outcome;
    }

    private static CpuPoint[] Points(int count) => Enumerable.Range(1, count).Select(i => new CpuPoint(1_800_000_000 + 5 * i, i)).ToArray();

    /// <summary>"full", "delta" or "alert" for each frame waiting in the queue, oldest first, emptying it.</summary>
    private static List<string> Forms(LiveSubscriberQueue queue)
    {
        var forms = new List<string>();
        while (queue.Reader.TryRead(out var frame))
        {
            var text = Encoding.UTF8.GetString(frame.Utf8Json.Span);
            forms.Add(text.StartsWith('{') ? "alert" : text.Contains("\"cpu_series\"", StringComparison.Ordinal) ? "full" : "delta");
        }
        return forms;
    }

    [Fact]
    public void LiveFeedSubscribers_should_keep_the_newest_frames_when_a_queue_is_full()
    {
        var queue = new LiveSubscriberQueue(capacity: 2);
        _subscribers.Add(1, queue, LiveSubscription.All);

        for (var i = 0; i < 5; i++) PublishRound();

        Assert.Equal(3, queue.Dropped);
        Assert.True(queue.Reader.TryRead(out var oldestKept));
        Assert.True(queue.Reader.TryRead(out var newest));
        Assert.Contains("\"ts\":1800000020", Encoding.UTF8.GetString(oldestKept.Utf8Json.Span)); // round 4's newest point
        Assert.Contains("\"ts\":1800000025", Encoding.UTF8.GetString(newest.Utf8Json.Span));
    }

    [Fact]
    public void LiveFeedSubscribers_should_offer_a_new_connection_a_full_frame_and_deltas_after_it()
    {
        var queue = new LiveSubscriberQueue(capacity: 8);
        _subscribers.Add(1, queue, LiveSubscription.All);

        var outcomes = Enumerable.Range(0, 3).Select(_ => PublishRound()).ToList();

        Assert.Equal(["full", "delta", "delta"], Forms(queue));
        Assert.Equal([1, 0, 0], outcomes.Select(o => o.OfferedFull));
    }

    [Fact]
    public void LiveFeedSubscribers_should_offer_a_full_frame_to_a_newcomer_and_deltas_to_the_others_in_the_same_round()
    {
        var early = new LiveSubscriberQueue(capacity: 8);
        var late = new LiveSubscriberQueue(capacity: 8);
        _subscribers.Add(1, early, LiveSubscription.All);
        PublishRound();

        _subscribers.Add(2, late, LiveSubscription.All);
        var outcome = PublishRound();

        Assert.Equal(["full", "delta"], Forms(early));
        Assert.Equal(["full"], Forms(late));
        Assert.Equal((2, 1), (outcome.Offered, outcome.OfferedFull));
    }

    [Fact]
    public void LiveFeedSubscribers_should_offer_a_full_frame_after_every_subscribe_even_to_the_same_hosts()
    {
        var queue = new LiveSubscriberQueue(capacity: 8);
        _subscribers.Add(1, queue, LiveSubscription.All);
        PublishRound();
        PublishRound();

        _subscribers.Change(1, LiveSubscription.For(["pi"]));
        PublishRound();
        PublishRound();
        _subscribers.Change(1, LiveSubscription.For(["pi"]));
        PublishRound();

        Assert.Equal(["full", "delta", "full", "delta", "full"], Forms(queue));
    }

    [Fact]
    public void LiveFeedSubscribers_should_offer_a_full_frame_to_a_connection_whose_queue_dropped_a_delta()
    {
        var queue = new LiveSubscriberQueue(capacity: 2);
        _subscribers.Add(1, queue, LiveSubscription.All);
        PublishRound();
        Assert.Equal(["full"], Forms(queue));
        PublishRound();
        PublishRound();

        PublishRound(); // the queue is full: the oldest delta is dropped, and what follows it no longer adds up
        Assert.Equal(1, queue.Dropped);
        PublishRound(); // drops again, but this one is full and repairs everything before it

        Assert.Equal(["delta", "full"], Forms(queue));
        PublishRound();
        Assert.Equal(["delta"], Forms(queue));
    }

    [Fact]
    public void LiveFeedSubscribers_should_offer_a_full_frame_after_an_alert_pushed_a_frame_out()
    {
        var queue = new LiveSubscriberQueue(capacity: 2);
        _subscribers.Add(1, queue, LiveSubscription.All);
        PublishRound();
        PublishRound();

        _subscribers.Broadcast(new LiveFrame("{\"type\":\"alert\"}"u8.ToArray()));
        PublishRound();

        Assert.Equal(2, queue.Dropped); // the first full frame for the alert, the delta after it for this round's
        Assert.Equal(["alert", "full"], Forms(queue));
    }

    [Fact]
    public void LiveFeedSubscribers_should_not_repeat_a_full_frame_for_drops_its_own_offer_caused()
    {
        var queue = new LiveSubscriberQueue(capacity: 1);
        _subscribers.Add(1, queue, LiveSubscription.All);
        PublishRound();
        _subscribers.Change(1, LiveSubscription.All);

        PublishRound(); // full again, pushing the first full frame out
        Assert.Equal(1, queue.Dropped);
        Assert.Equal(["full"], Forms(queue));
        PublishRound();

        Assert.Equal(["delta"], Forms(queue)); // the frame it pushed out was older than itself
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
