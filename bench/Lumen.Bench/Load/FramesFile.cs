using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Bench.Load;

/// <summary>One simulated agent: the host it reports as and its bearer token.</summary>
public sealed record SimulatedAgent(int Index, HostId Id, string HostName, string Token);

/// <summary>
/// Writes the file <c>agents.lua</c> reads: per host its token and its frame body split
/// around the ts, so wrk only splices a timestamp into a prebuilt request.
/// </summary>
public static class FramesFile
{
    /// <summary>Stands in for the ts while serialising; as long as the "yyyy-MM-ddTHH:mm:ssZ" wrk writes.</summary>
    private static readonly DateTimeOffset TsSentinel = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private const string TsSentinelText = "2001-02-03T04:05:06Z";

    /// <summary>Agents leave out empty parts rather than sending nulls.</summary>
    private static readonly JsonTypeInfo<IngestFrame> WireJson = LumenJson.Adjusted<IngestFrame>(json => json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);

    public static void Write(string path, IReadOnlyList<SimulatedAgent> agents)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var agent in agents)
        {
            var json = Body(agent);
            var at = json.IndexOf(TsSentinelText, StringComparison.Ordinal);
            file.Write(agent.Token);
            file.Write('\t');
            file.Write(json.AsSpan(0, at));
            file.Write('\t');
            file.Write(json.AsSpan(at + TsSentinelText.Length));
            file.Write('\n');
        }
    }

    /// <summary>The body exactly as sent, checked with the hub's own parser so a run never measures 400s.</summary>
    public static string Body(SimulatedAgent agent)
    {
        var frame = AgentFrames.For(agent.Index, agent.HostName, TsSentinel);
        var json = JsonSerializer.Serialize(frame, WireJson);
        var parsed = FrameParser.Parse(Encoding.UTF8.GetBytes(json));
        if (!parsed.IsValid) throw new InvalidOperationException($"generated frame for {agent.HostName} is invalid: {parsed.Error}");
        return json;
    }

    /// <summary>A frame as an agent sends it (empty parts left out).</summary>
    public static string Json(IngestFrame frame) => JsonSerializer.Serialize(frame, WireJson);

    /// <summary>Average body size, for the report.</summary>
    public static int AverageBodyBytes(IReadOnlyList<SimulatedAgent> agents) =>
        (int)agents.Take(1000).Average(agent => Encoding.UTF8.GetByteCount(Body(agent)));
}
