using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Json;

namespace Lumen.Hub.History;

/// <summary>
/// Source-generated JSON for the history API: snake_case like the wire contract, unknown fields and
/// duplicate keys refused so a typo gets an error instead of being ignored (the same options
/// on every API context of the hub).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(HostMetrics))]
[JsonSerializable(typeof(double))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;

/// <summary>The history API's JSON: <see cref="HistoryJsonContext"/> with a field per scalar metric on every point, and its lowest and highest sample where a point stands for more than one.</summary>
public static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new(HistoryJsonContext.Default.Options)
    {
        TypeInfoResolver = HistoryJsonContext.Default
            .WithAddedModifier(ScalarJsonProperties.Add)
            .WithAddedModifier(ScalarRangeJsonProperties.Add),
    };

    public static JsonTypeInfo<HostMetrics> HostMetrics { get; } = (JsonTypeInfo<HostMetrics>)Options.GetTypeInfo(typeof(HostMetrics));
}
