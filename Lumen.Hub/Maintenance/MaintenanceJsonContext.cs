using System.Text.Json.Serialization;

namespace Lumen.Hub.Maintenance;

/// <summary>
/// Source-generated JSON for the maintenance API, with the options of every API context of the
/// hub: snake_case, unknown fields and duplicate keys refused. The Go hub reads these bodies
/// leniently (an unknown field is ignored); here a typo such as <c>scope_tag</c> is a 400
/// rather than a window that silently covers every host.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(MaintenanceRequest))]
[JsonSerializable(typeof(MaintenanceList))]
[JsonSerializable(typeof(MaintenanceCreated))]
[JsonSerializable(typeof(MaintenanceOk))]
public sealed partial class MaintenanceJsonContext : JsonSerializerContext;
