using System.Text.Json.Serialization;
using Lumen.Hub.Accounts;
using Lumen.Hub.History;

namespace Lumen.Hub.Http;

/// <summary>
/// Source-generated JSON for the browser API's own bodies: snake_case like the wire contract,
/// unknown fields and duplicate keys refused so a typo gets an error instead of being ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(SetupStatus))]
[JsonSerializable(typeof(HostView))]
[JsonSerializable(typeof(HostView[]))]
[JsonSerializable(typeof(HostWithToken))]
[JsonSerializable(typeof(NewHostRequest))]
[JsonSerializable(typeof(TagsRequest))]
[JsonSerializable(typeof(HostMetrics))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
public sealed partial class HubJsonContext : JsonSerializerContext;
