namespace Lumen.Hub.LiveFeed;

/// <summary>What stream connections tell the <see cref="LiveFeedActor"/>.</summary>
public static class LiveFeedCommands
{
    /// <summary>A connection opened: from the next interval on, its frames go to <paramref name="Queue"/>.</summary>
    public sealed record Subscribe(long SubscriberId, LiveSubscriberQueue Queue, LiveSubscription Subscription);

    /// <summary>The connection sent a subscribe control frame: its frames narrow (or widen) to these hosts, starting with a full one.</summary>
    public sealed record ChangeSubscription(long SubscriberId, LiveSubscription Subscription);

    /// <summary>The connection ended.</summary>
    public sealed record Unsubscribe(long SubscriberId);
}

/// <summary>Questions the feed answers.</summary>
public static class LiveFeedQueries
{
    /// <summary>Answered with a <see cref="LiveFeedStatus"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }
}

/// <summary>The connections the feed is serving, and how many frames it has built since start.</summary>
public sealed record LiveFeedStatus(int Subscribers, long RoundsPublished);

/// <summary>
/// One round's frames went out, on the event stream (for specs and diagnostics): to how many
/// connections, how many of them got the full form, and how many distinct frames (subscription
/// and form) were built.
/// </summary>
public sealed record LiveFramesPublished(long Round, int Hosts, int Subscribers, int DistinctFrames, int FullFrames);
