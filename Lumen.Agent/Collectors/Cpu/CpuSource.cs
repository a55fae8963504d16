using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Cpu;

/// <summary>Fills <c>cpu_pct</c>, <c>cpu_steal_pct</c> and <c>cpu_per_core</c> from /proc/stat deltas; the first tick reports 0.</summary>
public sealed class CpuSource(string procRoot) : SyncFrameSource
{
    private readonly PreviousReading<ProcStatReading> _previous = new();

    public override string Name => "cpu";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcStat.Read(procRoot) is not { } current) return;
        if (_previous.Replace(current, tick.MonotonicSeconds) is not ({ } previous, _))
        {
            frame.CpuPerCore = new double[Math.Min(current.Cores.Count, IngestLimits.MaxCores)];
            return;
        }
        var perCore = CpuUsage.PerCore(previous, current);
        frame[ScalarMetrics.CpuPct] = CpuUsage.Percent(previous.Total, current.Total);
        frame[ScalarMetrics.CpuStealPct] = CpuUsage.StealPercent(previous.Total, current.Total);
        frame.CpuPerCore = perCore;
    }
}
