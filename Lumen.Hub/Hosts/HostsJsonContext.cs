using System.Text.Json.Serialization;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Source-generated JSON for the hosts API: snake_case like the wire contract, unknown fields and
/// duplicate keys refused so a typo gets an error instead of being ignored (the same options
/// on every API context of the hub).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(HostView))]
[JsonSerializable(typeof(HostView[]))]
[JsonSerializable(typeof(HostWithToken))]
[JsonSerializable(typeof(NewHostRequest))]
[JsonSerializable(typeof(SilenceRequest))]
[JsonSerializable(typeof(SilenceView))]
[JsonSerializable(typeof(HostProcessesAnswer))]
public sealed partial class HostsJsonContext : JsonSerializerContext;
