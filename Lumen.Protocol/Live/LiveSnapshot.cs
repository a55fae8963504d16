using System.Text.Json.Serialization;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Live;

/// <summary>
/// One host as the live view shows it: the latest frame's scalar metrics plus when the hub received
/// them (online state is judged from <c>received_at</c>, never the agent's clock) and the
/// recent CPU series for a sparkline. On the stream it comes in two forms: full, with the whole
/// <see cref="CpuSeries"/>, or as a delta, with only the points the series gained
/// (<see cref="CpuAppend"/> after <see cref="CpuAfterTs"/>) and every other field whole.
/// </summary>
public sealed record LiveSnapshot : IScalarValues
{
    public long HostId { get; init; }
    public string Host { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The value of one scalar metric (<see cref="ScalarMetrics"/>).</summary>
    public double this[ScalarMetric metric]
    {
        get => _scalars[metric.Index];
        init => _scalars[metric.Index] = value;
    }

    /// <summary>Every scalar metric's value in catalogue order (copied in from the frame).</summary>
    [JsonIgnore]
    public ReadOnlyMemory<double> Scalars
    {
        get => _scalars;
        init => value.Span.CopyTo(_scalars);
    }

    double[] IScalarValues.ScalarStorage => _scalars;

    private readonly double[] _scalars = new double[ScalarMetrics.Count];

    /// <summary>Oldest first, at most 120 samples (10 min at 5 s). Null (left out) in a delta, which carries <see cref="CpuAppend"/> instead.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CpuPoint[]? CpuSeries { get; init; } = [];

    /// <summary>
    /// Only in a delta: the points the series gained, oldest first, each newer than
    /// <see cref="CpuAfterTs"/>; possibly none. Appended to the series the client holds, which
    /// then keeps its newest 120.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CpuPoint[]? CpuAppend { get; init; }

    /// <summary>
    /// Only in a delta: the ts (unix seconds) of the newest point the client must already hold
    /// for <see cref="CpuAppend"/> to follow on. A client whose series ends elsewhere has missed
    /// a frame and asks for the full form again.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CpuAfterTs { get; init; }
    public double[] CpuPerCore { get; init; } = [];
    public ContainerSample[] Containers { get; init; } = [];
    public SystemInfo? System { get; init; }
    public GpuSample[] Gpus { get; init; } = [];
    public DiskSample[] Disks { get; init; } = [];
    public NicSample[] Nics { get; init; } = [];
    public FilesystemSample[] Filesystems { get; init; } = [];
}

/// <summary>One sparkline sample: unix seconds and CPU percent.</summary>
public readonly record struct CpuPoint(long Ts, float CpuPct);
