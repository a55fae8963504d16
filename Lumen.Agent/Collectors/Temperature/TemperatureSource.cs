using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Temperature;

/// <summary>Fills <c>temp_c</c> with the hottest hwmon sensor; 0 on machines without one (VMs, most containers).</summary>
public sealed class TemperatureSource(string sysRoot) : SyncFrameSource
{
    public override string Name => "temperature";

    protected override void Collect(IngestFrame frame, TickContext tick) =>
        frame[ScalarMetrics.TempC] = Math.Round(SysClassHwmon.ReadHottestC(sysRoot) ?? 0, 1);
}
