using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.History.Items;

/// <summary>
/// The answer of <c>GET /api/hosts/{id}/containers/metrics</c>: each container's history at
/// the bucket tier, by name, each oldest first. A bucket in which the container sent nothing
/// is left out, so a chart shows the gap.
/// </summary>
public sealed record ContainerMetrics
{
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    /// <summary>Whole buckets of <c>downsample_bucket_size</c> at least: this history has no finer rows.</summary>
    public long StepSeconds { get; init; }
    public IReadOnlyList<ContainerSeries> Containers { get; init; } = [];
}

/// <summary>One container's points, by the name the agent reports (a container recreated under its name keeps its history).</summary>
public sealed record ContainerSeries(string Name, IReadOnlyList<ContainerPoint> Points);

/// <summary>
/// One step of a container: the average of its samples (CPU as a share of one core, as
/// <c>docker stats</c>), and the lowest and highest sample when the point stands for more than
/// one (left out otherwise, as on the host's points).
/// </summary>
public sealed record ContainerPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    public double CpuPct { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuPctMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuPctMax { get; init; }
    public long MemUsedBytes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MemUsedBytesMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MemUsedBytesMax { get; init; }
    public double MemPct { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemPctMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemPctMax { get; init; }
    public long Samples { get; init; }
}

/// <summary>The answer of <c>GET /api/hosts/{id}/gpus/metrics</c>: each GPU's history at the bucket tier, by index.</summary>
public sealed record GpuMetrics
{
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    public long StepSeconds { get; init; }
    public IReadOnlyList<GpuSeries> Gpus { get; init; } = [];
}

/// <summary>One GPU's points, with the name it reported last in the window.</summary>
public sealed record GpuSeries(int Index, string Name, IReadOnlyList<GpuPoint> Points);

/// <summary>One step of a GPU: averages of its samples, with the lowest and highest sample when it stands for more than one.</summary>
public sealed record GpuPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    public double UtilPct { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UtilPctMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UtilPctMax { get; init; }
    public double MemUsedMb { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemUsedMbMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemUsedMbMax { get; init; }
    public double MemTotalMb { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemTotalMbMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemTotalMbMax { get; init; }
    public double TempC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TempCMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TempCMax { get; init; }
    public long Samples { get; init; }
}
