namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// Storm control for one channel: at most <see cref="Limit"/> messages a minute. Past that, or when
/// more than <see cref="Limit"/> rows are due at once (a switch died and 30 hosts went offline),
/// what is due goes out as one grouped message, once the minute allows another message at all:
/// a phone buzzes a handful of times, not thirty. Pure: the channel's sender asks, and tells it what it sent.
/// </summary>
public sealed class StormGate(int limit)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The most rows one grouped message carries; the rest go in the next.</summary>
    public const int GroupLimit = 100;

    private readonly Queue<DateTimeOffset> _sent = new();

    public int Limit { get; } = limit;

    /// <summary>What to send now out of <paramref name="due"/> rows due (more than 0).</summary>
    public StormDecision Decide(int due, DateTimeOffset now)
    {
        Forget(now);
        if (Limit <= 0) return new StormDecision(1, null);
        if (_sent.Count >= Limit) return new StormDecision(0, _sent.Peek() + Window);
        return due > Limit || _sent.Count == Limit - 1 && due > 1
            ? new StormDecision(Math.Min(due, GroupLimit), null)
            : new StormDecision(1, null);
    }

    /// <summary>A message went (alone or grouped): it counts against the minute.</summary>
    public void Sent(DateTimeOffset at) => _sent.Enqueue(at);

    private void Forget(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() + Window <= now) _sent.Dequeue();
    }
}

/// <summary>How many due rows go now in one message (0: none), and, when none may, when to ask again.</summary>
public readonly record struct StormDecision(int Take, DateTimeOffset? WaitUntil);
