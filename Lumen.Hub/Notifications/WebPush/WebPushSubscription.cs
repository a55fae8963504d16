namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// One browser that asked for a channel's notifications: where its push service takes them
/// (<see cref="Endpoint"/>) and its keys (<see cref="P256dh"/>, <see cref="Auth"/>, base64url
/// as the browser gave them), as stored in <c>web_push_subscriptions</c>.
/// </summary>
public sealed record WebPushSubscription(
    long Id,
    long ChannelId,
    string Endpoint,
    string P256dh,
    string Auth,
    string Label,
    DateTimeOffset CreatedAt);
