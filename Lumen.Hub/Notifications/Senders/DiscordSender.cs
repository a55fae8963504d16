using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// A Discord channel's webhook: the title as <c>content</c> (what a phone's notification
/// shows) and one embed in the severity's colour with the details, its title linking to the
/// host's page. Mentions are switched off, so a host or rule named <c>@everyone</c> pings nobody.
/// </summary>
public sealed class DiscordSender(IHttpClientFactory clients) : INotificationSender
{
    /// <summary>Discord's limits: message content, embed title, embed description.</summary>
    public const int ContentLimit = 2000, EmbedTitleLimit = 256, DescriptionLimit = 4096;

    public string Type => ChannelTypes.Discord;

    /// <summary>Anyone holding a webhook's URL can post to the channel: it is a credential.</summary>
    public IReadOnlyList<string> SecretFields { get; } = ["url"];

    public string? CheckConfig(JsonObject config) => ConfigRules.HttpUrl(config, "url");

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Text("url"))
        {
            Content = new StringContent(Body(message).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    public static JsonObject Body(OutgoingMessage message)
    {
        var first = message.First;
        var embed = new JsonObject
        {
            ["title"] = TextLimit.Cut(message.IsGroup ? $"{message.Notifications.Count} alerts" : NotificationText.Who(first), EmbedTitleLimit),
            ["description"] = TextLimit.Cut(NotificationText.Body(message.Notifications, withUrl: false), DescriptionLimit),
            ["color"] = message.Level().Rgb(),
            ["timestamp"] = message.Notifications.Max(n => n.Time).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (!message.IsGroup && first.Url is { } url) embed["url"] = url;
        return new JsonObject
        {
            ["content"] = TextLimit.Cut(NotificationText.Title(message.Notifications), ContentLimit),
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }
}
