using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// A generic webhook: POSTs the notification as JSON (the Go hub's body, with this hub's fields
/// added), with <c>Lumen-Delivery-Id</c> (the same on every retry, so a receiver drops
/// repeats: delivery is at least once) and, when the channel has a <c>secret</c>,
/// <c>Lumen-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients) : INotificationSender
{
    public const string DeliveryIdHeader = "Lumen-Delivery-Id";
    public const string SignatureHeader = "Lumen-Signature";

    public string Type => ChannelTypes.Webhook;

    public IReadOnlyList<string> SecretFields { get; } = ["secret"];

    public string? CheckConfig(JsonObject config) =>
        HttpSend.IsHttpUrl(ChannelConfig.Text(config, "url"), out _) ? null : "config.url: must be an http:// or https:// address with a host";

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (!HttpSend.IsHttpUrl(channel.Text("url"), out var url)) return SendResult.Failed("webhook: config.url is not an http(s) address", permanent: true);
        var body = Body(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(DeliveryIdHeader, message.DeliveryId);
        if (channel.Text("secret") is { } secret) request.Headers.Add(SignatureHeader, Signature(secret, body));
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    /// <summary>One notification as its own JSON object; a group as <c>{"count":n,"notifications":[…]}</c>.</summary>
    public static byte[] Body(OutgoingMessage message) => message.IsGroup
        ? JsonSerializer.SerializeToUtf8Bytes(new NotificationGroup(message.Notifications.Count, message.Notifications), NotificationJson.Default.NotificationGroup)
        : JsonSerializer.SerializeToUtf8Bytes(message.First, NotificationJson.Default.Notification);

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body, keyed with the secret's UTF-8 bytes.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
}
