using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Sending;

/// <summary>
/// The JSON a frame is posted in: the Go hub's fields always, and a metric beyond them
/// (<see cref="ScalarMetric.Extended"/>) or a list beyond them (<see cref="OptionalFrameFields"/>)
/// only once the hub's policy has listed it. A Go hub refuses a frame with a field it does not
/// know, so until this hub has said what it takes, the agent sends what every hub accepts.
/// Frames in the buffer keep everything; only the posted copy leaves some out.
/// </summary>
public sealed class FrameWireFormat
{
    private static readonly ConcurrentDictionary<string, JsonTypeInfo<IngestFrame>> ByAccepted = new();

    private volatile JsonTypeInfo<IngestFrame> _current = For([], []);

    public JsonTypeInfo<IngestFrame> Current => _current;

    /// <summary>Takes the metric names and the frame fields of the hub's policy.</summary>
    public void Accept(IEnumerable<string> metricNames, IEnumerable<string> frameFields) => _current = For(metricNames, frameFields);

    private static JsonTypeInfo<IngestFrame> For(IEnumerable<string> metricNames, IEnumerable<string> frameFields)
    {
        var accepted = ScalarMetrics.All.Where(metric => metric.Extended && metricNames.Contains(metric.Name)).ToHashSet();
        var lists = OptionalFrameFields.All.Where(frameFields.Contains).ToHashSet();
        var key = string.Join(',', accepted.Select(metric => metric.Name)) + "|" + string.Join(',', lists);
        return ByAccepted.GetOrAdd(key, _ => LumenJson.ForHub<IngestFrame>(metric => !metric.Extended || accepted.Contains(metric), lists.Contains));
    }
}
