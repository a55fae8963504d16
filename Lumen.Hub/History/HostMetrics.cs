using System.Text.Json.Serialization;
using Lumen.Protocol;
using Lumen.Protocol.Metrics;

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
    /// <summary>The bucket size used, which may be larger than the one asked for (at most 2000 points, and no finer than the oldest tier the window reaches).</summary>
    public long StepSeconds { get; init; }
    public IReadOnlyList<MetricsPoint> Points { get; init; } = [];
}

/// <summary>
/// One bucket: its start, the average of every sample stored in it per scalar metric (in the
/// ingest frame's units), how many samples that is, and, when more than one, each metric's
/// lowest and highest sample (<c>cpu_pct_min</c>, <c>cpu_pct_max</c>), kept by every tier.
/// </summary>
public sealed record MetricsPoint : IScalarValues, IScalarRanges
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }

    /// <summary>The raw samples the bucket stands for.</summary>
    public long Samples { get; init; }

    /// <summary>The average of one scalar metric (<see cref="ScalarMetrics"/>) over the bucket.</summary>
    public double this[ScalarMetric metric]
    {
        get => _averages[metric.Index];
        init => _averages[metric.Index] = value;
    }

    /// <summary>The lowest sample of <paramref name="metric"/> in the bucket (the average itself for a single sample).</summary>
    public double Min(ScalarMetric metric) => HasRange ? _minimums[metric.Index] : _averages[metric.Index];

    /// <summary>The highest sample of <paramref name="metric"/> in the bucket (the average itself for a single sample).</summary>
    public double Max(ScalarMetric metric) => HasRange ? _maximums[metric.Index] : _averages[metric.Index];

    /// <summary>More than one sample, so the lowest and highest say something the average does not.</summary>
    [JsonIgnore]
    public bool HasRange => Samples > 1;

    double[] IScalarValues.ScalarStorage => _averages;
    double[] IScalarRanges.Minimums => _minimums;
    double[] IScalarRanges.Maximums => _maximums;
    bool IScalarRanges.HasRange => HasRange;

    private readonly double[] _averages = new double[ScalarMetrics.Count];
    private readonly double[] _minimums = new double[ScalarMetrics.Count];
    private readonly double[] _maximums = new double[ScalarMetrics.Count];
}
