using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.History;

/// <summary>
/// The answer of <c>GET /api/hosts/{id}/metrics</c>: a host's history as averages per bucket,
/// oldest first. Buckets without a stored row are left out, so a chart shows the gap.
/// </summary>
public sealed record HostMetrics
{
    /// <summary>The host's name, as <c>host</c> is in the ingest frame and the live stream.</summary>
    public string Host { get; init; } = "";
    /// <summary>The start of the first bucket: the requested <c>from</c> aligned down to the step.</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    /// <summary>The end of the window, exclusive.</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    /// <summary>The bucket size used, which may be larger than the one asked for (at most 2000 points).</summary>
    public long StepSeconds { get; init; }
    public IReadOnlyList<MetricsPoint> Points { get; init; } = [];
}

/// <summary>One bucket: its start and the average of every stored snapshot in it, in the ingest frame's units.</summary>
public sealed record MetricsPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
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
}
