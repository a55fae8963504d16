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
    /// <summary>The bucket size used, which may be larger than the one asked for (at most 2000 points).</summary>
    public long StepSeconds { get; init; }
    public IReadOnlyList<MetricsPoint> Points { get; init; } = [];
}

/// <summary>One bucket: its start and the average of every stored snapshot in it, one per scalar metric, in the ingest frame's units.</summary>
public sealed record MetricsPoint : IScalarValues
{
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }

    /// <summary>The average of one scalar metric (<see cref="ScalarMetrics"/>) over the bucket.</summary>
    public double this[ScalarMetric metric]
    {
        get => _averages[metric.Index];
        init => _averages[metric.Index] = value;
    }

    double[] IScalarValues.ScalarStorage => _averages;

    private readonly double[] _averages = new double[ScalarMetrics.Count];
}
