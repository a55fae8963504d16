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

    /// <summary>
    /// The summed rate of several devices. A device in only one of the two readings (plugged
    /// in or removed in between) has no delta and adds nothing this tick; each device is
    /// guarded on its own, so one reset NIC does not zero the others.
    /// </summary>
    public static double SumPerSecond(
        IReadOnlyDictionary<string, ulong> previous,
        IReadOnlyDictionary<string, ulong> current,
        double elapsedSeconds,
        double maxPlausiblePerSecond)
    {
        var sum = 0.0;
        foreach (var (device, now) in current)
            if (previous.TryGetValue(device, out var before))
                sum += PerSecond(before, now, elapsedSeconds, maxPlausiblePerSecond);
        return sum;
    }
}
