using System.Text.Json.Serialization;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Deliveries;

namespace Lumen.Hub.Notifications;

/// <summary>Source-generated JSON for the channels and deliveries APIs, with the options every API context of the hub uses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ChannelBody))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(ChannelView[]))]
[JsonSerializable(typeof(ChannelTestResult))]
[JsonSerializable(typeof(DeliveryView[]))]
[JsonSerializable(typeof(DeliveryRetried))]
public sealed partial class NotificationsJsonContext : JsonSerializerContext;
