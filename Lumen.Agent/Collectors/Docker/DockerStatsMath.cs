using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Docker;

/// <summary>Container CPU time and host CPU time at one moment, in nanoseconds.</summary>
public readonly record struct ContainerCpuCounters(ulong ContainerNs, ulong SystemNs)
{
    public static ContainerCpuCounters From(DockerCpuStats stats) => new(stats.CpuUsage.TotalUsage, stats.SystemCpuUsage);
}

/// <summary>CPU and memory figures computed the way the <c>docker stats</c> CLI computes them.</summary>
public static class DockerStatsMath
{
    /// <summary>
    /// cgroup v1 reports "no limit" as 2^63 minus a page; no machine has a pebibyte of RAM, so
    /// a limit at or above it is no limit even when the host's total is unknown.
    /// </summary>
    public const long AbsurdMemoryLimitBytes = 1L << 50;

    /// <summary>cpu_delta / system_delta × online CPUs × 100: a share of one core, so 4 busy cores read 400.</summary>
    public static double CpuPercent(ContainerCpuCounters previous, ContainerCpuCounters current, uint onlineCpus)
    {
        if (CounterDelta.Between(previous.ContainerNs, current.ContainerNs) is not { } cpu) return 0;
        if (CounterDelta.Between(previous.SystemNs, current.SystemNs) is not { } system || system == 0) return 0;
        var percent = (double)cpu / system * onlineCpus * 100;
        return Math.Round(Math.Clamp(percent, 0, IngestLimits.MaxContainerCpuPct), 2);
    }

    /// <summary>online_cpus, or the per-CPU list's length on daemons older than API 1.27.</summary>
    public static uint OnlineCpus(DockerCpuStats stats) => stats.OnlineCpus > 0 ? stats.OnlineCpus : (uint)(stats.CpuUsage.PercpuUsage?.Length ?? 0);

    /// <summary>
    /// Usage without the inactive page cache, as the docker CLI shows it: total_inactive_file on
    /// cgroup v1, inactive_file on v2; the raw usage when neither is smaller than it.
    /// </summary>
    public static ulong MemoryUsedBytes(DockerMemoryStats memory)
    {
        var stats = memory.Stats;
        if (stats is not null && stats.TryGetValue("total_inactive_file", out var v1) && v1 < memory.Usage) return memory.Usage - v1;
        if (stats is not null && stats.TryGetValue("inactive_file", out var v2) && v2 < memory.Usage) return memory.Usage - v2;
        return memory.Usage;
    }

    /// <summary>
    /// The limit that actually applies: the host's RAM when the container has none (reported
    /// as 0, as "unlimited", or as more than the host has), as Docker itself reports it.
    /// </summary>
    public static long EffectiveLimitBytes(ulong reportedLimit, long hostTotalBytes)
    {
        var unlimited = reportedLimit == 0 || reportedLimit >= AbsurdMemoryLimitBytes;
        if (hostTotalBytes > 0 && (unlimited || reportedLimit > (ulong)hostTotalBytes)) return hostTotalBytes;
        return unlimited ? 0 : (long)reportedLimit;
    }
}
