using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.History.Items;

/// <summary>
/// The answer of <c>GET /api/hosts/{id}/disks/metrics</c>: each whole disk's history at the
/// bucket tier, by name, each oldest first; a bucket in which the disk sent nothing is left out.
/// </summary>
public sealed record DiskMetrics
{
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    public long StepSeconds { get; init; }
    public IReadOnlyList<DiskSeries> Disks { get; init; } = [];
}

public sealed record DiskSeries(string Name, IReadOnlyList<DiskPoint> Points);

/// <summary>One step of a disk: average bytes per second read and written, with the lowest and highest sample when it stands for more than one.</summary>
public sealed record DiskPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    public double ReadBps { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReadBpsMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReadBpsMax { get; init; }
    public double WriteBps { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WriteBpsMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WriteBpsMax { get; init; }
    public long Samples { get; init; }
}

/// <summary>The answer of <c>GET /api/hosts/{id}/nics/metrics</c>: each physical interface's history at the bucket tier, by name.</summary>
public sealed record NicMetrics
{
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    public long StepSeconds { get; init; }
    public IReadOnlyList<NicSeries> Nics { get; init; } = [];
}

public sealed record NicSeries(string Name, IReadOnlyList<NicPoint> Points);

/// <summary>One step of an interface: average bytes per second received and sent, with the lowest and highest sample when it stands for more than one.</summary>
public sealed record NicPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    public double RxBps { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RxBpsMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RxBpsMax { get; init; }
    public double TxBps { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TxBpsMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TxBpsMax { get; init; }
    public long Samples { get; init; }
}

/// <summary>The answer of <c>GET /api/hosts/{id}/filesystems/metrics</c>: each filesystem's history at the bucket tier, by mount point.</summary>
public sealed record FilesystemMetrics
{
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset From { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset To { get; init; }
    public long StepSeconds { get; init; }
    public IReadOnlyList<FilesystemSeries> Filesystems { get; init; } = [];
}

/// <summary>One mount point's points, with the device it reported last in the window.</summary>
public sealed record FilesystemSeries(string Mount, string Device, IReadOnlyList<FilesystemPoint> Points);

/// <summary>One step of a filesystem: average bytes used, its size and the share used (as df), with the lowest and highest sample when it stands for more than one.</summary>
public sealed record FilesystemPoint
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    public long UsedBytes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? UsedBytesMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? UsedBytesMax { get; init; }
    public long TotalBytes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalBytesMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalBytesMax { get; init; }
    public double UsedPct { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UsedPctMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UsedPctMax { get; init; }
    public long Samples { get; init; }
}
