namespace Lumen.Agent.Collectors;

/// <summary>Two cumulative counters of one device: bytes (or sectors) in and out, read and written.</summary>
public readonly record struct CounterPair(ulong In, ulong Out);

/// <summary>One device's two rates over the time between two readings.</summary>
public readonly record struct DeviceRate(string Name, double InPerSecond, double OutPerSecond);

/// <summary>
/// Per-device rates from two readings of a cumulative kernel file (<c>/proc/diskstats</c>,
/// <c>/proc/net/dev</c>). A device in only one of the readings (plugged in or removed in
/// between) has no rate this tick and is left out; each device is guarded on its own by
/// <see cref="CounterDelta.PerSecond"/>, so one reset NIC reads 0 and the others are untouched.
/// </summary>
public static class DeviceRates
{
    /// <returns>the devices of <paramref name="current"/> that <paramref name="previous"/> has too, in the order of <paramref name="current"/>.</returns>
    public static List<DeviceRate> Between(
        IReadOnlyList<KeyValuePair<string, CounterPair>> previous,
        IReadOnlyList<KeyValuePair<string, CounterPair>> current,
        double elapsedSeconds,
        double maxPlausiblePerSecond)
    {
        var rates = new List<DeviceRate>(current.Count);
        foreach (var (name, now) in current)
        {
            if (Find(previous, name) is not { } before) continue;
            rates.Add(new DeviceRate(name,
                CounterDelta.PerSecond(before.In, now.In, elapsedSeconds, maxPlausiblePerSecond),
                CounterDelta.PerSecond(before.Out, now.Out, elapsedSeconds, maxPlausiblePerSecond)));
        }
        return rates;
    }

    // A handful of devices: a scan costs less than building a dictionary every tick.
    private static CounterPair? Find(IReadOnlyList<KeyValuePair<string, CounterPair>> readings, string name)
    {
        for (var i = 0; i < readings.Count; i++)
            if (readings[i].Key == name) return readings[i].Value;
        return null;
    }
}
