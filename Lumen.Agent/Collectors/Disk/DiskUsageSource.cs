using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>Fills <c>disk_pct</c> for the configured path (default <c>/</c>).</summary>
public sealed class DiskUsageSource(string path) : SyncFrameSource
{
    public override string Name => "disk-usage";

    protected override void Collect(IngestFrame frame, TickContext tick) =>
        frame[ScalarMetrics.DiskPct] = FilesystemUsage.ReadUsedPercent(path);
}
