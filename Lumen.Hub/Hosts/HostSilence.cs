using Lumen.Protocol;

namespace Lumen.Hub.Hosts;

/// <summary>
/// When a host's silence ends, from a <see cref="SilenceRequest"/>: the Go hub's <c>seconds</c>
/// from now (0 ends it), or <c>until</c> an RFC 3339 time, which the dashboard's "custom" choice
/// sends as it is rather than working out seconds against a browser clock that may be off.
/// Stored in whole seconds, as the Go hub does.
/// </summary>
public static class HostSilence
{
    /// <summary>The Go hub's bound: a silence reaches at most a year ahead (31,536,000 s).</summary>
    public const long MaxSeconds = 365L * 24 * 60 * 60;

    /// <summary>The end of the silence (null: none), or what is wrong with the request, naming the field.</summary>
    public static (DateTimeOffset? Until, string? Error) Resolve(SilenceRequest request, DateTimeOffset now)
    {
        return (request.Seconds, request.Until) switch
        {
            (null, null) => (null, $"send seconds (0 to {MaxSeconds}; 0 ends the silence) or until (an RFC 3339 time within a year)"),
            ({ }, { }) => (null, "send seconds or until, not both"),
            ({ } seconds, null) => FromSeconds(seconds, now),
            (null, { } until) => FromUntil(until, now),
        };
    }

    private static (DateTimeOffset?, string?) FromSeconds(long seconds, DateTimeOffset now)
    {
        if (seconds is < 0 or > MaxSeconds) return (null, $"seconds must be between 0 and {MaxSeconds} (a year); got {seconds}");
        return seconds == 0 ? (null, null) : (DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + seconds), null);
    }

    private static (DateTimeOffset?, string?) FromUntil(string text, DateTimeOffset now)
    {
        if (!Rfc3339TimestampConverter.TryParse(text.Trim(), out var until))
            return (null, $"until '{Shorten(text)}' is not an RFC 3339 time such as 2026-01-02T15:04:05Z");
        if (until <= now) return (null, $"until ({Rfc3339TimestampConverter.Format(until)}) must be in the future");
        if (until > now.AddSeconds(MaxSeconds)) return (null, $"until ({Rfc3339TimestampConverter.Format(until)}) must be at most a year ahead");
        // Whole seconds, rounded up: the silence never ends before the time asked for.
        var seconds = until.ToUnixTimeSeconds();
        if (DateTimeOffset.FromUnixTimeSeconds(seconds) < until) seconds++;
        return (DateTimeOffset.FromUnixTimeSeconds(seconds), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
