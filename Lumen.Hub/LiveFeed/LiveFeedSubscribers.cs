namespace Lumen.Hub.LiveFeed;

/// <summary>A connection whose queue has been dropping frames, as reported to the log.</summary>
public readonly record struct DroppedFrames(long SubscriberId, long Dropped, LiveSubscription Subscription);

/// <summary>What handing out one round's frames did; <paramref name="OfferedFull"/> of the offers were full frames.</summary>
public sealed record PublishOutcome(int Offered, int OfferedFull, IReadOnlyList<long> Ended, IReadOnlyList<DroppedFrames> Dropping);

/// <summary>
/// The stream connections the feed serves, each with its queue and subscription, and the
/// hand-out of a round's frames to them. A connection gets the full frame first, after every
/// subscribe it sends (a client that finds a gap in a series sends its subscription again)
/// and after its queue dropped anything; otherwise the delta frame, which only makes sense
/// on top of the previous round's. A connection's drops are reported when first seen
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

    /// <summary>The connection sent a subscribe frame: its next frame is full, even if the hosts are the same.</summary>
    /// <returns>false when the connection is not (or no longer) subscribed.</returns>
    public bool Change(long id, LiveSubscription subscription)
    {
        if (!_subscribers.TryGetValue(id, out var subscriber)) return false;
        subscriber.Subscription = subscription;
        subscriber.NeedsFull = true;
        return true;
    }

    public bool Remove(long id) => _subscribers.Remove(id);

    /// <summary>
    /// Offers every connection the frame for its subscription, in the form it can use. A
    /// connection whose queue has been completed has ended (its Unsubscribe may still be on
    /// the way) and is removed.
    /// </summary>
    public PublishOutcome Publish(LiveFrameBuilder frames, DateTimeOffset now)
    {
        var ended = new List<long>();
        var dropping = new List<DroppedFrames>();
        var full = 0;
        foreach (var (id, subscriber) in _subscribers)
        {
            var form = subscriber.NextForm();
            if (!subscriber.Queue.Offer(frames.FrameFor(subscriber.Subscription, form)))
            {
                ended.Add(id);
                continue;
            }
            subscriber.Offered(form);
            if (form == LiveFrameForm.Full) full++;
            if (subscriber.DropsToReport(now) is > 0 and var dropped)
                dropping.Add(new DroppedFrames(id, dropped, subscriber.Subscription));
        }
        foreach (var id in ended) _subscribers.Remove(id);
        return new PublishOutcome(_subscribers.Count, full, ended, dropping);
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

        /// <summary>Drops the frames offered so far have made good: a full frame repairs every drop before it.</summary>
        private long _droppedRepaired;

        /// <summary>Drops when the form of the frame being offered was chosen.</summary>
        private long _droppedBeforeOffer;

        public LiveSubscriberQueue Queue { get; } = queue;
        public LiveSubscription Subscription { get; set; } = LiveSubscription.All;

        /// <summary>Nothing to build a delta on: a new connection, or one that just (re)subscribed.</summary>
        public bool NeedsFull { get; set; } = true;

        /// <summary>
        /// Full when the connection needs it or its queue dropped a frame (a snapshot frame or an
        /// alert, it cannot tell which) since the last repair: the frames after a lost delta do not
        /// add up to the series, and only a full frame set it right.
        /// </summary>
        public LiveFrameForm NextForm()
        {
            _droppedBeforeOffer = Queue.Dropped;
            return NeedsFull || _droppedBeforeOffer != _droppedRepaired ? LiveFrameForm.Full : LiveFrameForm.Delta;
        }

        /// <summary>
        /// A full frame repairs every drop so far, even those its own offer caused (the dropped
        /// frames were older); a delta repairs nothing, so what its offer dropped asks for a full next.
        /// </summary>
        public void Offered(LiveFrameForm form)
        {
            NeedsFull = false;
            _droppedRepaired = form == LiveFrameForm.Full ? Queue.Dropped : _droppedBeforeOffer;
        }

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
