namespace Lumen.Hub.History;

/// <summary>
/// Bucket sizes a chart reads easily, and the choices made from them: the automatic step for a
/// window, and the smallest step at or above a given one. Whole minutes from 1 m up, so every
/// step chosen here can be answered from the per-minute rollup.
/// </summary>
public static class HistoryStep
{
    public const long SecondMs = 1000;
    public const long MinuteMs = 60 * SecondMs;
    public const long DayMs = 24 * 60 * MinuteMs;

    private static readonly long[] Ladder =
    [
        5 * SecondMs, 10 * SecondMs, 15 * SecondMs, 20 * SecondMs, 30 * SecondMs,
        MinuteMs, 2 * MinuteMs, 3 * MinuteMs, 5 * MinuteMs, 10 * MinuteMs, 15 * MinuteMs, 20 * MinuteMs, 30 * MinuteMs,
        60 * MinuteMs, 2 * 60 * MinuteMs, 3 * 60 * MinuteMs, 4 * 60 * MinuteMs, 6 * 60 * MinuteMs, 12 * 60 * MinuteMs, DayMs,
    ];

    /// <summary>The ladder step nearest (by ratio) to <paramref name="windowMs"/> ÷ <paramref name="buckets"/>; whole days past a day.</summary>
    public static long Auto(long windowMs, int buckets)
    {
        var ideal = Math.Max(1.0, (double)windowMs / buckets);
        if (ideal > DayMs) return Math.Max(1, (long)Math.Round(ideal / DayMs)) * DayMs;
        var best = Ladder[0];
        foreach (var step in Ladder)
            if (Math.Abs(Math.Log(step / ideal)) < Math.Abs(Math.Log(best / ideal))) best = step;
        return best;
    }

    /// <summary>The smallest ladder step (or whole number of days) that is at least <paramref name="minimumMs"/>.</summary>
    public static long AtLeast(long minimumMs)
    {
        foreach (var step in Ladder)
            if (step >= minimumMs) return step;
        return (minimumMs + DayMs - 1) / DayMs * DayMs;
    }

    /// <summary>A step of a minute or more rounded up to whole minutes, so buckets are made of whole rollup minutes.</summary>
    public static long ToWholeMinutes(long stepMs) =>
        stepMs <= MinuteMs ? stepMs : (stepMs + MinuteMs - 1) / MinuteMs * MinuteMs;
}
