using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>What a browser needs to subscribe: the <c>applicationServerKey</c> (base64url) and the subject.</summary>
public sealed record VapidPublicKeyView(string PublicKey, string Subject);

/// <summary>Body of <c>PUT /api/alerts/web-push/subject</c>.</summary>
public sealed class VapidSubjectRequest
{
    public string? Subject { get; set; }
}

/// <summary>
/// Body of <c>POST /api/alerts/web-push/subscribe</c>: a browser's <c>PushSubscription</c>
/// flattened (its <c>keys.p256dh</c> and <c>keys.auth</c> as given, base64url) and the channel it is for.
/// </summary>
public sealed class WebPushSubscribeRequest
{
    public long? ChannelId { get; set; }
    public string? Endpoint { get; set; }
    public string? P256dh { get; set; }
    public string? Auth { get; set; }
    public string? Label { get; set; }
}

/// <summary>A subscription as the API shows it: never its keys.</summary>
public sealed record WebPushSubscriptionView(
    long Id,
    long ChannelId,
    string Endpoint,
    string Label,
    [property: JsonConverter(typeof(Rfc3339TimestampConverter))] DateTimeOffset CreatedAt)
{
    public static WebPushSubscriptionView Of(WebPushSubscription subscription) =>
        new(subscription.Id, subscription.ChannelId, subscription.Endpoint, subscription.Label, subscription.CreatedAt);
}
