using System.Text.Json.Serialization;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Live;

/// <summary>
/// One host as the live view shows it: the latest ingest scalars plus when the hub received
/// them (online state is judged from <c>received_at</c>, never the agent's clock) and the
/// recent CPU series for a sparkline.
/// </summary>
public sealed record LiveSnapshot
{
    public long HostId { get; init; }
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset ReceivedAt { get; init; }
    public double CpuPct { get; init; }
    public double RamPct { get; init; }
    public double SwapPct { get; init; }
    public double DiskPct { get; init; }
    public double Load1 { get; init; }
    public double Load5 { get; init; }
    public double Load15 { get; init; }
    public double NetRxBps { get; init; }
    public double NetTxBps { get; init; }
    public double DiskRBps { get; init; }
    public double DiskWBps { get; init; }
    public double TempC { get; init; }
    /// <summary>Oldest first, at most 120 samples (10 min at 5 s).</summary>
    public CpuPoint[] CpuSeries { get; init; } = [];
    public double[] CpuPerCore { get; init; } = [];
    public ContainerSample[] Containers { get; init; } = [];
    public SystemInfo? System { get; init; }
    public GpuSample[] Gpus { get; init; } = [];
}

/// <summary>One sparkline sample: unix seconds and CPU percent.</summary>
public readonly record struct CpuPoint(long Ts, float CpuPct);
