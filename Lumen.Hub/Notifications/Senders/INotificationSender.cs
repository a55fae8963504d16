using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// One channel type: checks a config before it is stored and sends a message through it.
/// Stateless; a channel's sender actor calls it one message at a time.
/// </summary>
public interface INotificationSender
{
    /// <summary>One of <see cref="ChannelTypes.All"/>.</summary>
    string Type { get; }

    /// <summary>Config fields that are secret: masked on read, kept when a PUT sends the mask back.</summary>
    IReadOnlyList<string> SecretFields { get; }

    /// <returns>null when the config is usable, else one error naming the field: <c>config.url: must be an http or https address</c>.</returns>
    string? CheckConfig(JsonObject config);

    /// <summary>Sends the message; never throws for a failure of the far end (that is a <see cref="SendResult"/>).</summary>
    Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel);
}

/// <summary>
/// What a channel sends: one notification, or several grouped into one message when a channel
/// has more than its share within a minute (storm control). <see cref="DeliveryId"/> is stable
/// across retries of the same message: webhooks send it as <c>Lumen-Delivery-Id</c>.
/// </summary>
public sealed record OutgoingMessage(string DeliveryId, IReadOnlyList<Notification> Notifications)
{
    public bool IsGroup => Notifications.Count > 1;

    public Notification First => Notifications[0];

    /// <summary>A test message from the channel's Test button: sent at once, never logged.</summary>
    public bool IsTest { get; init; }
}

/// <summary>
/// How a send went. A failure carries the HTTP status when there was one, the far end's error
/// (at most a few hundred characters of its body), how long it asked to wait (<c>429</c>
/// <c>Retry-After</c>), and whether retrying can help (<see cref="Permanent"/>: a 4xx that is
/// not 408/425/429, a refused address, a bad config).
/// </summary>
public sealed record SendResult(bool Ok, int? HttpStatus = null, string? Error = null, TimeSpan? RetryAfter = null, bool Permanent = false)
{
    public static readonly SendResult Sent = new(true);

    public static SendResult Failed(string error, int? httpStatus = null, TimeSpan? retryAfter = null, bool permanent = false) =>
        new(false, httpStatus, error, retryAfter, permanent);
}
