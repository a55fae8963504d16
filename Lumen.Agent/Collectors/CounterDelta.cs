namespace Lumen.Agent.Collectors;

/// <summary>
/// Turns two readings of a cumulative kernel counter into a per-second rate. Counters only
/// grow; one that went backwards was reset (reboot, driver reload, hot-unplug and replug,
/// 32-bit wrap), so that tick reports 0 instead of a negative rate or a 2^64 spike.
/// </summary>
public static class CounterDelta
{
    /// <summary>How far the counter moved, or null when it went backwards (a reset).</summary>
    public static ulong? Between(ulong previous, ulong current) => current >= previous ? current - previous : null;

    /// <summary>
    /// The rate between two readings; 0 after a reset, without elapsed time, or above
    /// <paramref name="maxPlausiblePerSecond"/> (a glitch no real device produces).
    /// </summary>
    public static double PerSecond(ulong previous, ulong current, double elapsedSeconds, double maxPlausiblePerSecond)
    {
        if (elapsedSeconds <= 0 || Between(previous, current) is not { } delta) return 0;
        var rate = delta / elapsedSeconds;
        return rate > maxPlausiblePerSecond ? 0 : rate;
    }
}
