using System.Text.Json.Serialization;

namespace Lumen.Hub.Settings;

/// <summary>
/// Source-generated JSON for the settings API: snake_case like the wire contract, unknown fields and
/// duplicate keys refused so a typo gets an error instead of being ignored (the same options
/// on every API context of the hub).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class SettingsJsonContext : JsonSerializerContext;
