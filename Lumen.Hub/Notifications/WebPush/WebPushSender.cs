using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// Web push: the message, encrypted for each browser subscribed to the channel, POSTed to that
/// browser's push service with the hub's VAPID token. A push service answering 404 or 410
/// says the subscription is gone: it is deleted and the others still get the message. No
/// subscriptions is not a failure (nobody asked yet), except for the channel's Test.
/// </summary>
public sealed class WebPushSender(IHttpClientFactory clients, WebPushSubscriptionStore subscriptions, VapidKeyStore keys, TimeProvider clock) : INotificationSender
{
    public const string NobodySubscribed = "web_push: no browser has subscribed to this channel yet: press \"Notify this browser\" in Settings → Notifications on each browser that should get alerts";

    public string Type => ChannelTypes.WebPush;

    public IReadOnlyList<string> SecretFields { get; } = [];

    /// <summary>The Go hub's digest windows, accepted and ignored (storm control does that job here).</summary>
    public static readonly IReadOnlySet<string> DigestWindows = new HashSet<string>(StringComparer.Ordinal) { "", "0", "1m", "5m", "15m", "1h" };

    /// <summary>No fields of its own: the targets are the browsers that subscribe.</summary>
    public string? CheckConfig(JsonObject config)
    {
        if (!config.ContainsKey("digest_window")) return null;
        return ChannelConfig.Text(config, "digest_window") is not { } window || DigestWindows.Contains(window)
            ? null
            : "config.digest_window: must be one of \"\", \"0\", \"1m\", \"5m\", \"15m\", \"1h\"";
    }

    /// <summary>
    /// Every subscription gets its try, even after one failed: one dead push service must not
    /// keep the message from the other browsers. The answer is the first failure a retry can
    /// help with, else the first failure; a retry sends to all again, and the repeat shows as
    /// the same notification (same tag) on a browser that had it.
    /// </summary>
    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        var browsers = subscriptions.ListByChannel(channel.Id);
        // A Test that reaches nobody must not answer "it works".
        if (browsers.Count == 0 && message.IsTest) return SendResult.Failed(NobodySubscribed, permanent: true);
        var plaintext = WebPushPayload.From(message).Utf8();
        SendResult? firstFailure = null;
        foreach (var subscription in browsers)
        {
            var result = await SendOneAsync(subscription, message, plaintext, cancel);
            if (result.Ok) continue;
            if (result.HttpStatus is 404 or 410)
            {
                subscriptions.DeleteEndpoint(subscription.Endpoint);
                continue;
            }
            if (firstFailure is null || (firstFailure.Permanent && !result.Permanent)) firstFailure = result;
            // Out of time: the rest would fail the same way at once.
            if (cancel.IsCancellationRequested) break;
        }
        return firstFailure ?? SendResult.Sent;
    }

    private async Task<SendResult> SendOneAsync(WebPushSubscription subscription, OutgoingMessage message, byte[] plaintext, CancellationToken cancel)
    {
        var who = $"web_push to {Describe(subscription)}";
        if (!PushEndpoint.TryParse(subscription.Endpoint, out var endpoint))
            return SendResult.Failed($"{who}: the endpoint {PushEndpoint.Rule}", permanent: true);
        if (!P256Keys.TryDecode(subscription.P256dh, out var p256dh) || P256Keys.CheckPublicKey(p256dh) is not null ||
            !P256Keys.TryDecode(subscription.Auth, out var auth) || auth.Length != PushMessageEncryption.AuthSecretLength)
            return SendResult.Failed($"{who}: the stored keys are not usable; subscribe that browser again", permanent: true);

        var vapid = keys.Current;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(PushMessageEncryption.Encrypt(plaintext, p256dh, auth)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("Authorization", VapidAuthorization.Value(vapid, endpoint, clock.GetUtcNow()));
        request.Headers.Add("TTL", PushOptions.Ttl);
        request.Headers.Add("Urgency", PushOptions.Urgency(message));
        request.Headers.Add("Topic", PushOptions.Topic(message));

        var result = await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, who, cancel);
        return result.HttpStatus is 401 or 403 && VapidSubject.IsPlaceholder(vapid.Subject)
            ? result with { Error = $"{result.Error} (the VAPID subject {vapid.Subject} is a placeholder, which some push services, Apple's among them, refuse: set a real mailto: or https:// contact)" }
            : result;
    }

    /// <summary>The subscription as a delivery row names it: its label and the push service's host, never the whole endpoint (a capability URL).</summary>
    private static string Describe(WebPushSubscription subscription)
    {
        var host = Uri.TryCreate(subscription.Endpoint, UriKind.Absolute, out var uri) ? uri.Authority : "?";
        return subscription.Label.Length > 0 ? $"'{subscription.Label}' via {host}" : $"subscription {subscription.Id} via {host}";
    }
}
