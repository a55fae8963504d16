using Lumen.Protocol;

namespace Lumen.Hub.History;

/// <summary>The query string of a history request as it arrived; null (or empty) where a value was left out.</summary>
public sealed record HistoryRequest(string? From = null, string? To = null, string? Step = null);

/// <summary>A history request resolved: the window and step, or a message naming the parameter at fault.</summary>
public sealed record HistoryWindowResult(HistoryWindow? Window, string? Error);

/// <summary>
/// What history is kept at which resolution, from the settings: raw rows (and their per-minute
/// sums) for <c>RawWindow</c> (zero: for ever), buckets of <c>BucketSize</c> for <c>ArchiveWindow</c>.
/// </summary>
public sealed record HistoryTiers(TimeSpan RawWindow, TimeSpan BucketSize, TimeSpan ArchiveWindow)
{
    public static HistoryTiers From(Settings.HubSettings settings) =>
        new(settings.RetentionWindow, settings.DownsampleBucketSize, settings.DownsampleArchiveWindow);
}

/// <summary>The finest tier a window's buckets are summed from (coarser tiers where finer ones are not summed yet).</summary>
public enum HistoryTier
{
    /// <summary>Raw rows only: steps under a minute, or not in whole minutes.</summary>
    Raw,
    /// <summary>Per-minute sums, and raw rows for the minutes not summed yet.</summary>
    Minutes,
    /// <summary>Buckets, then minutes and raw rows for what is not summed yet: steps in whole buckets.</summary>
    Buckets,
    /// <summary>Hours, then minutes and raw rows for what is not summed yet: steps in whole hours.</summary>
    Hours,
}

/// <summary>
/// The buckets one history request covers: <c>[FromMs, ToMs)</c> cut into buckets of
/// <c>StepMs</c> aligned to multiples of the step since the epoch. <c>FromMs</c> is the start
/// of the bucket the requested <c>from</c> falls in, so every bucket averages a whole step.
/// </summary>
public sealed record HistoryWindow(long FromMs, long ToMs, long StepMs, long BucketMs = 0)
{
    /// <summary>Points a response can hold; a step that would give more is raised (see <see cref="Resolve"/>).</summary>
    public const int MaxPoints = 2000;

    /// <summary>Buckets the automatic step aims at: enough for a chart's width, cheap to draw.</summary>
    public const int AutoBuckets = 120;

    /// <summary>The agents' default interval: a smaller bucket would hold at most one row anyway.</summary>
    public static readonly TimeSpan MinStep = TimeSpan.FromSeconds(5);

    /// <summary>The window when neither <c>from</c> nor <c>to</c> bound it: the last hour.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    public DateTimeOffset From => DateTimeOffset.FromUnixTimeMilliseconds(FromMs);
    public DateTimeOffset To => DateTimeOffset.FromUnixTimeMilliseconds(ToMs);
    public long StepSeconds => StepMs / HistoryStep.SecondMs;

    /// <summary>Buckets between <c>FromMs</c> and <c>ToMs</c>, empty or not: the most points the answer can have.</summary>
    public long Buckets => Count(FromMs, ToMs, StepMs);

    /// <summary>Whole minutes from 1 m up: the buckets can be summed from the per-minute rollup.</summary>
    public bool FitsMinutes => StepMs % HistoryStep.MinuteMs == 0;

    private static readonly long HourMs = (long)CoarseTier.HourSize.TotalMilliseconds;

    /// <summary>The tier read: the coarsest whose rows fit whole in a step.</summary>
    public HistoryTier Tier =>
        BucketMs > 0 && StepMs % HourMs == 0 ? HistoryTier.Hours
        : BucketMs > 0 && StepMs % BucketMs == 0 ? HistoryTier.Buckets
        : FitsMinutes ? HistoryTier.Minutes
        : HistoryTier.Raw;

    /// <summary>
    /// Applies the rules: <c>to</c> defaults to now, <c>from</c> to an hour before <c>to</c>;
    /// <c>from</c> before <c>to</c>; the window at most the archive window; a step of at least
    /// 5 s in whole seconds, rounded up to whole minutes from 1 m; no step: about
    /// <see cref="AutoBuckets"/> buckets; a step giving more than <see cref="MaxPoints"/>
    /// buckets is raised to the smallest ladder step that fits; a window reaching back past the
    /// raw rows has its step raised to whole buckets, since only buckets are kept there.
    /// <paramref name="maxPoints"/> replaces the chart's cap where more is wanted (an export).
    /// </summary>
    public static HistoryWindowResult Resolve(HistoryRequest request, DateTimeOffset now, HistoryTiers tiers, int maxPoints = MaxPoints)
    {
        if (!TryTime(request.To, "to", now, out var to, out var error)) return Refuse(error);
        if (to <= DateTimeOffset.UnixEpoch) return Refuse($"to ({Rfc3339TimestampConverter.Format(to)}) is not after 1970-01-01T00:00:00Z");
        if (!TryTime(request.From, "from", to - DefaultWindow, out var from, out error)) return Refuse(error);
        if (from < DateTimeOffset.UnixEpoch) return Refuse($"from ({Rfc3339TimestampConverter.Format(from)}) is before 1970-01-01T00:00:00Z");
        if (from >= to)
            return Refuse($"from ({Rfc3339TimestampConverter.Format(from)}) must be before to ({Rfc3339TimestampConverter.Format(to)})");
        var span = to - from;
        if (span > tiers.ArchiveWindow)
            return Refuse($"from and to span {GoDuration.Format(span)}, more than history is kept (downsample_archive_window, {GoDuration.Format(tiers.ArchiveWindow)}); ask for at most that");

        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        long stepMs;
        if (string.IsNullOrEmpty(request.Step))
            stepMs = HistoryStep.Auto(toMs - fromMs, AutoBuckets);
        else if (StepError(request.Step, out stepMs) is { } stepError)
            return Refuse(stepError);
        stepMs = HistoryStep.ToWholeMinutes(stepMs);

        if (Count(fromMs, toMs, stepMs) > maxPoints)
        {
            // Past the cap, the ladder step that fits: W / (maxPoints - 1) always does, alignment included.
            stepMs = HistoryStep.AtLeast(Math.Max(stepMs, (toMs - fromMs + maxPoints - 2) / (maxPoints - 1)));
            while (Count(fromMs, toMs, stepMs) > maxPoints) stepMs = HistoryStep.AtLeast(stepMs + 1);
        }

        var bucketMs = (long)tiers.BucketSize.TotalMilliseconds;
        if (tiers.RawWindow > TimeSpan.Zero && from < now - tiers.RawWindow)
            stepMs = (Math.Max(stepMs, bucketMs) + bucketMs - 1) / bucketMs * bucketMs;
        return new HistoryWindowResult(new HistoryWindow(fromMs - fromMs % stepMs, toMs, stepMs, bucketMs), null);
    }

    private static long Count(long fromMs, long toMs, long stepMs) => (toMs - 1) / stepMs - fromMs / stepMs + 1;

    private static bool TryTime(string? text, string name, DateTimeOffset fallback, out DateTimeOffset value, out string error)
    {
        (value, error) = (fallback, "");
        if (string.IsNullOrEmpty(text)) return true;
        if (HistoryQueryText.TryParseTime(text, out value)) return true;
        error = $"{name} '{text}' is not an RFC 3339 time such as 2026-01-02T15:04:05Z, nor unix seconds";
        return false;
    }

    private static string? StepError(string text, out long stepMs)
    {
        stepMs = 0;
        if (!HistoryQueryText.TryParseStep(text, out var step))
            return $"step '{text}' is not a duration such as 30s, 5m or 1h, nor a number of seconds";
        if (step < MinStep) return $"step must be at least {GoDuration.Format(MinStep)} (got {text})";
        if (step.Ticks % TimeSpan.TicksPerSecond != 0) return $"step must be a whole number of seconds (got {text})";
        stepMs = (long)step.TotalMilliseconds;
        return null;
    }

    private static HistoryWindowResult Refuse(string error) => new(null, error);
}
