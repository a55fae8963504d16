using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Docker;

/// <summary>Maps one container's list entry and stats to the wire's <see cref="ContainerSample"/>.</summary>
public static class ContainerSamples
{
    /// <summary>The 12-character id <c>docker ps</c> shows, as existing Lumen agents send it.</summary>
    private const int ShortIdLength = 12;

    /// <param name="previousCpu">
    /// This container's counters from the agent's previous tick, or null when it is new: then
    /// precpu_stats are used if the daemon filled them (older daemons ignore one-shot), else 0.
    /// </param>
    public static ContainerSample From(DockerContainerSummary summary, DockerStats stats, ContainerCpuCounters? previousCpu, long hostTotalBytes)
    {
        var current = ContainerCpuCounters.From(stats.CpuStats);
        var previous = previousCpu ?? (stats.PreCpuStats.SystemCpuUsage > 0 ? ContainerCpuCounters.From(stats.PreCpuStats) : current);
        var used = DockerStatsMath.MemoryUsedBytes(stats.MemoryStats);
        var limit = DockerStatsMath.EffectiveLimitBytes(stats.MemoryStats.Limit, hostTotalBytes);
        var usedBytes = (long)Math.Min(used, long.MaxValue);

        return new ContainerSample
        {
            Id = TextCap.Cap(summary.Id, ShortIdLength),
            Name = TextCap.Cap(summary.Names?.FirstOrDefault()?.TrimStart('/') ?? "", IngestLimits.MaxContainerNameLength),
            Image = TextCap.Cap(summary.Image, IngestLimits.MaxContainerImageLength),
            State = TextCap.Cap(summary.State, IngestLimits.MaxContainerStateLength),
            CpuPct = DockerStatsMath.CpuPercent(previous, current, DockerStatsMath.OnlineCpus(stats.CpuStats)),
            MemUsedBytes = usedBytes,
            MemLimitBytes = limit,
            MemPct = Percent.Of(usedBytes, limit),
        };
    }
}
