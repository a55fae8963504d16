namespace Lumen.Hub.LiveFeed;

/// <summary>A connection whose queue has been dropping frames, as reported to the log.</summary>
public readonly record struct DroppedFrames(long SubscriberId, long Dropped, LiveSubscription Subscription);

/// <summary>What handing out one round's frames did.</summary>
public sealed record PublishOutcome(int Offered, IReadOnlyList<long> Ended, IReadOnlyList<DroppedFrames> Dropping);

/// <summary>
/// The stream connections the feed serves, each with its queue and subscription, and the
/// hand-out of a round's frames to them. A connection's drops are reported when first seen
/// and then at most once every <see cref="DropReportEvery"/>, with the count since the last
/// report, so a browser left behind for hours costs one log line a minute.
/// </summary>
public sealed class LiveFeedSubscribers
{
    public static readonly TimeSpan DropReportEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<long, Subscriber> _subscribers = [];

    public int Count => _subscribers.Count;

    public void Add(long id, LiveSubscriberQueue queue, LiveSubscription subscription) =>
        _subscribers[id] = new Subscriber(queue) { Subscription = subscription };

    /// <returns>false when the connection is not (or no longer) subscribed.</returns>
    public bool Change(long id, LiveSubscription subscription)
    {
        if (!_subscribers.TryGetValue(id, out var subscriber)) return false;
        subscriber.Subscription = subscription;
        return true;
    }

    public bool Remove(long id) => _subscribers.Remove(id);

    /// <summary>
    /// Offers every connection the frame for its subscription. A connection whose queue has
    /// been completed has ended (its Unsubscribe may still be on the way) and is removed.
    /// </summary>
    public PublishOutcome Publish(LiveFrameBuilder frames, DateTimeOffset now)
    {
        var ended = new List<long>();
        var dropping = new List<DroppedFrames>();
        foreach (var (id, subscriber) in _subscribers)
        {
            if (!subscriber.Queue.Offer(frames.FrameFor(subscriber.Subscription)))
            {
                ended.Add(id);
                continue;
            }
            if (subscriber.DropsToReport(now) is > 0 and var dropped)
                dropping.Add(new DroppedFrames(id, dropped, subscriber.Subscription));
        }
        foreach (var id in ended) _subscribers.Remove(id);
        return new PublishOutcome(_subscribers.Count, ended, dropping);
    }

    /// <summary>Offers one frame to every connection, whatever it subscribed to (an alert, say).</summary>
    public void Broadcast(LiveFrame frame)
    {
        foreach (var subscriber in _subscribers.Values) subscriber.Queue.Offer(frame);
    }

    private sealed class Subscriber(LiveSubscriberQueue queue)
    {
        private long _reported;
        private DateTimeOffset? _lastReport;

        public LiveSubscriberQueue Queue { get; } = queue;
        public LiveSubscription Subscription { get; set; } = LiveSubscription.All;

        /// <returns>Frames dropped since the last report when a report is due, otherwise 0.</returns>
        public long DropsToReport(DateTimeOffset now)
        {
            var dropped = Queue.Dropped;
            if (dropped == _reported) return 0;
            if (_lastReport is { } last && now - last < DropReportEvery) return 0;
            var fresh = dropped - _reported;
            (_reported, _lastReport) = (dropped, now);
            return fresh;
        }
    }
}
