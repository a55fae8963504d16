using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Load;

/// <summary>Fills <c>load1</c>, <c>load5</c> and <c>load15</c> from /proc/loadavg.</summary>
public sealed class LoadSource(string procRoot) : SyncFrameSource
{
    public override string Name => "load";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcLoadavg.Read(procRoot) is not { } load) return;
        frame[ScalarMetrics.Load1] = load.Load1;
        frame[ScalarMetrics.Load5] = load.Load5;
        frame[ScalarMetrics.Load15] = load.Load15;
    }
}
