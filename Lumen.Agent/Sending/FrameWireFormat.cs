using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Sending;

/// <summary>
/// The JSON a frame is posted in: the Go hub's fields always, and a metric beyond them
/// (<see cref="ScalarMetric.Extended"/>) only once the hub's policy has listed it. A Go hub
/// refuses a frame with a field it does not know, so until this hub has said what it stores,
/// the agent sends what every hub accepts. Frames in the buffer keep every metric; only the
/// posted copy leaves some out.
/// </summary>
public sealed class FrameWireFormat
{
    private static readonly ConcurrentDictionary<string, JsonTypeInfo<IngestFrame>> ByAccepted = new();

    private volatile JsonTypeInfo<IngestFrame> _current = For([]);

    public JsonTypeInfo<IngestFrame> Current => _current;

    /// <summary>Takes the metric names of the hub's policy.</summary>
    public void Accept(IEnumerable<string> metricNames) => _current = For(metricNames);

    private static JsonTypeInfo<IngestFrame> For(IEnumerable<string> metricNames)
    {
        var accepted = ScalarMetrics.All.Where(metric => metric.Extended && metricNames.Contains(metric.Name)).ToHashSet();
        var key = string.Join(',', accepted.Select(metric => metric.Name));
        return ByAccepted.GetOrAdd(key, _ => LumenJson.WithScalars<IngestFrame>(metric => !metric.Extended || accepted.Contains(metric)));
    }
}
