using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// When a failed delivery goes again: exponential back-off (<see cref="FirstDelay"/>, three times
/// longer each time, at most <see cref="LongestDelay"/>) with ±20 % jitter so a channel's rows that
/// failed together do not retry in lockstep; a <c>Retry-After</c> the far end sent is waited out
/// instead (up to <see cref="LongestRetryAfter"/>). More attempts the more severe the alert: a critical
/// one keeps trying for about 3 h, a warning for about 1 h, an info for a few minutes.
/// A failure that retrying cannot fix (<see cref="SendResult.Permanent"/>) is final at once.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan LongestDelay)
{
    public static readonly RetrySchedule Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));

    /// <summary>The longest <c>Retry-After</c> obeyed: a far end asking for a day gets an hour.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(1);

    private const double Jitter = 0.2;

    public static int MaxAttempts(string severity) => severity switch
    {
        "critical" => 10,
        "warning" => 8,
        _ => 5,
    };

    /// <param name="attempts">attempts made so far, the one that just failed included.</param>
    /// <param name="random">a number in [0, 1) for the jitter.</param>
    /// <returns>when to try again, or null when the row has failed for good.</returns>
    public DateTimeOffset? Next(int attempts, string severity, SendResult failure, DateTimeOffset now, double random)
    {
        if (failure.Permanent || attempts >= MaxAttempts(severity)) return null;
        if (failure.RetryAfter is { } asked) return now + (asked < LongestRetryAfter ? asked : LongestRetryAfter);
        return now + Delay(attempts, random);
    }

    /// <summary>The pause after the <paramref name="attempts"/>-th failure: 5 s, 15 s, 45 s, 2 min 15 s, … at most 1 h, jittered.</summary>
    public TimeSpan Delay(int attempts, double random)
    {
        var growth = Math.Pow(3, Math.Clamp(attempts - 1, 0, 30));
        var ticks = Math.Min(LongestDelay.Ticks, FirstDelay.Ticks * growth);
        return TimeSpan.FromTicks((long)(ticks * (1 - Jitter + 2 * Jitter * random)));
    }
}
