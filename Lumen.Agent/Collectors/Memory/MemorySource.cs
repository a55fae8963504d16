using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Memory;

/// <summary>Fills <c>ram_pct</c> and <c>swap_pct</c> from /proc/meminfo.</summary>
public sealed class MemorySource(string procRoot) : SyncFrameSource
{
    public override string Name => "memory";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcMeminfo.Read(procRoot) is not { } info) return;
        frame[ScalarMetrics.RamPct] = info.RamPct;
        frame[ScalarMetrics.SwapPct] = info.SwapPct;
    }
}
