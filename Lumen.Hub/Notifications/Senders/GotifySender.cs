using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// Gotify: <c>POST {url}/message</c> with the application's token in <c>X-Gotify-Key</c> and
/// <c>{title, message, priority, extras}</c>, where the extras make the Android app open the
/// host's page when the notification is tapped.
/// </summary>
public sealed class GotifySender(IHttpClientFactory clients) : INotificationSender
{
    public const string TokenHeader = "X-Gotify-Key";

    public string Type => ChannelTypes.Gotify;

    public IReadOnlyList<string> SecretFields { get; } = ["token"];

    public string? CheckConfig(JsonObject config) => ConfigRules.First(
        ConfigRules.HttpUrl(config, "url"),
        ConfigRules.Required(config, "token"),
        ConfigRules.WholeNumber(config, "priority", 0, 10));

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{channel.Text("url")!.TrimEnd('/')}/message")
        {
            Content = new StringContent(Body(message, ConfigRules.Number(channel.Text("priority"))).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TokenHeader, channel.Text("token"));
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    public static JsonObject Body(OutgoingMessage message, int? priority)
    {
        var extras = new JsonObject { ["client::display"] = new JsonObject { ["contentType"] = "text/plain" } };
        if (!message.IsGroup && message.First.Url is { } url)
            extras["client::notification"] = new JsonObject { ["click"] = new JsonObject { ["url"] = url } };
        return new JsonObject
        {
            ["title"] = NotificationText.Title(message.Notifications),
            ["message"] = NotificationText.Body(message.Notifications),
            ["priority"] = priority ?? Priority(message.Level()),
            ["extras"] = extras,
        };
    }

    /// <summary>
    /// Gotify's priority when the channel sets none, by how its Android app treats them (0 no
    /// notification, 1–3 silent, 4–7 with sound, 8–10 also on screen): critical 8, warning 5,
    /// resolved 4, info 2.
    /// </summary>
    public static int Priority(MessageLevel level) => level switch
    {
        MessageLevel.Critical => 8,
        MessageLevel.Warning => 5,
        MessageLevel.Info => 2,
        _ => 4,
    };
}
