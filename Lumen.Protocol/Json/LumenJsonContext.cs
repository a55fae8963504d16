using System.Text.Json.Serialization;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;
using Lumen.Protocol.Policy;

namespace Lumen.Protocol.Json;

/// <summary>
/// Source-generated JSON for the wire contract, used through <see cref="LumenJson"/>: snake_case, strict numbers, no duplicate
/// keys, shallow nesting. Unknown fields land in each DTO's extension data and are refused
/// by <see cref="Ingest.IngestValidator"/> with their name.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    MaxDepth = 16,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IngestFrame))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(AgentPolicy))]
[JsonSerializable(typeof(LiveSnapshot))]
[JsonSerializable(typeof(LiveSnapshot[]))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class LumenJsonContext : JsonSerializerContext;
