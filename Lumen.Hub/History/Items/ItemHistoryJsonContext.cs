using System.Text.Json.Serialization;

namespace Lumen.Hub.History.Items;

/// <summary>Source-generated JSON for the container and GPU history routes, with the options of every API context of the hub (snake_case).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ContainerMetrics))]
[JsonSerializable(typeof(GpuMetrics))]
internal sealed partial class ItemHistoryJsonContext : JsonSerializerContext;

/// <summary>The container and GPU history routes' JSON.</summary>
public static class ItemHistoryJson
{
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ContainerMetrics> ContainerMetrics => ItemHistoryJsonContext.Default.ContainerMetrics;
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<GpuMetrics> GpuMetrics => ItemHistoryJsonContext.Default.GpuMetrics;
}
