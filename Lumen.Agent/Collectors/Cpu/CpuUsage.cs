using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Cpu;

/// <summary>CPU busy percentages from two /proc/stat readings.</summary>
public static class CpuUsage
{
    /// <summary>
    /// busy / total over the interval. Counters that went backwards (a core taken offline and
    /// back resets its line) or did not move give 0 for that tick.
    /// </summary>
    public static double Percent(CpuTimes previous, CpuTimes current)
    {
        if (CounterDelta.Between(previous.Total, current.Total) is not { } total || total == 0) return 0;
        if (CounterDelta.Between(previous.Busy, current.Busy) is not { } busy) return 0;
        return Collectors.Percent.Of(busy, total);
    }

    /// <summary>steal / total over the interval: the share of time a VM's CPUs were ready but ran another guest.</summary>
    public static double StealPercent(CpuTimes previous, CpuTimes current)
    {
        if (CounterDelta.Between(previous.Total, current.Total) is not { } total || total == 0) return 0;
        if (CounterDelta.Between(previous.Steal, current.Steal) is not { } steal) return 0;
        return Collectors.Percent.Of(steal, total);
    }

    /// <summary>
    /// One entry per core online now, in core order; a core that was offline in the previous
    /// reading reports 0. At most <see cref="IngestLimits.MaxCores"/> entries, which the hub accepts.
    /// </summary>
    public static double[] PerCore(ProcStatReading previous, ProcStatReading current) =>
        current.Cores
            .Take(IngestLimits.MaxCores)
            .Select(core => previous.Cores.TryGetValue(core.Key, out var before) ? Percent(before, core.Value) : 0)
            .ToArray();
}
