using System.Text.Json.Serialization;
using Lumen.Hub.History;

namespace Lumen.Hub.Http;

/// <summary>
/// Source-generated JSON for the browser API's answers that only the hub speaks (the agents'
/// contract is <see cref="Lumen.Protocol.LumenJsonContext"/>): snake_case like every Lumen body.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HostMetrics))]
public sealed partial class HubJsonContext : JsonSerializerContext;
