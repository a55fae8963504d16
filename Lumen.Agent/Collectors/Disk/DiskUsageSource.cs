using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>Fills <c>disk_pct</c> for the configured path (default <c>/</c>).</summary>
public sealed class DiskUsageSource(string path) : SyncFrameSource
{
    public override string Name => "disk-usage";

    protected override void Collect(IngestFrame frame, TickContext tick) =>
        frame.DiskPct = FilesystemUsage.ReadUsedPercent(path);
}
