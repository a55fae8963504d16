using System.Text.Json.Serialization;

namespace Lumen.Hub.History.Items;

/// <summary>Source-generated JSON for the container, GPU, disk, NIC and filesystem history routes, with the options of every API context of the hub (snake_case).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ContainerMetrics))]
[JsonSerializable(typeof(GpuMetrics))]
[JsonSerializable(typeof(DiskMetrics))]
[JsonSerializable(typeof(NicMetrics))]
[JsonSerializable(typeof(FilesystemMetrics))]
internal sealed partial class ItemHistoryJsonContext : JsonSerializerContext;

/// <summary>The container, GPU, disk, NIC and filesystem history routes' JSON.</summary>
public static class ItemHistoryJson
{
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ContainerMetrics> ContainerMetrics => ItemHistoryJsonContext.Default.ContainerMetrics;
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<GpuMetrics> GpuMetrics => ItemHistoryJsonContext.Default.GpuMetrics;
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<DiskMetrics> DiskMetrics => ItemHistoryJsonContext.Default.DiskMetrics;
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<NicMetrics> NicMetrics => ItemHistoryJsonContext.Default.NicMetrics;
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<FilesystemMetrics> FilesystemMetrics => ItemHistoryJsonContext.Default.FilesystemMetrics;
}
