using System.Text.Json.Serialization;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// Source-generated JSON for the web push API and the push payload, with the options of every
/// API context of the hub: snake_case, unknown fields and duplicate keys refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(VapidPublicKeyView))]
[JsonSerializable(typeof(VapidSubjectRequest))]
[JsonSerializable(typeof(WebPushSubscribeRequest))]
[JsonSerializable(typeof(WebPushSubscriptionView))]
[JsonSerializable(typeof(IReadOnlyList<WebPushSubscriptionView>))]
[JsonSerializable(typeof(WebPushPayload))]
public sealed partial class WebPushJsonContext : JsonSerializerContext;
