using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// Telegram's Bot API <c>sendMessage</c> (<c>{api_url}/bot{token}/sendMessage</c>, api.telegram.org
/// or a self-hosted Bot API server): the title in bold, the details, and a link to the host's
/// page, escaped for the channel's <c>parse_mode</c> (HTML unless set to MarkdownV2, legacy Markdown or none).
/// </summary>
public sealed class TelegramSender(IHttpClientFactory clients) : INotificationSender
{
    public const string DefaultApiUrl = "https://api.telegram.org";

    /// <summary>Telegram refuses a message over 4096 characters; the title and body are cut well before.</summary>
    public const int TitleLimit = 256, BodyLimit = 3500;

    /// <summary>The modes Lumen can escape for; legacy <c>Markdown</c> for channels made on the Go hub.</summary>
    private static readonly string[] ParseModes = ["HTML", "MarkdownV2", "Markdown", "none"];

    public string Type => ChannelTypes.Telegram;

    public IReadOnlyList<string> SecretFields { get; } = ["bot_token"];

    public string? CheckConfig(JsonObject config) => ConfigRules.First(
        ConfigRules.Required(config, "bot_token"),
        ChannelConfig.Text(config, "bot_token") is { } token && token.Any(c => char.IsWhiteSpace(c) || c == '/') ? "config.bot_token: must not contain spaces or slashes" : null,
        ConfigRules.Required(config, "chat_id"),
        ConfigRules.OneOf(config, "parse_mode", ParseModes),
        ConfigRules.OptionalHttpUrl(config, "api_url"));

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        var mode = ParseModes.First(mode => mode.Equals(channel.Text("parse_mode") ?? "HTML", StringComparison.OrdinalIgnoreCase));
        var body = new JsonObject
        {
            ["chat_id"] = channel.Text("chat_id"),
            ["text"] = Text(message, mode),
            ["link_preview_options"] = new JsonObject { ["is_disabled"] = true },
        };
        if (mode != "none") body["parse_mode"] = mode;
        // Telegram has no priorities; an info message at least arrives without a sound.
        if (message.Level() == MessageLevel.Info) body["disable_notification"] = true;
        var apiUrl = (channel.Text("api_url") ?? DefaultApiUrl).TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{apiUrl}/bot{channel.Text("bot_token")}/sendMessage")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    /// <summary>The message's text marked up for <paramref name="mode"/>: a bold title, the body, a link.</summary>
    public static string Text(OutgoingMessage message, string mode)
    {
        var title = TextLimit.Cut(NotificationText.Title(message.Notifications), TitleLimit);
        var body = TextLimit.Cut(NotificationText.Body(message.Notifications, withUrl: false), BodyLimit);
        var url = message.IsGroup ? null : message.First.Url;
        return mode switch
        {
            "HTML" => $"<b>{Html(title)}</b>\n{Html(body)}" + (url is null ? "" : $"\n<a href=\"{WebUtility.HtmlEncode(url)}\">Open in Lumen</a>"),
            "MarkdownV2" => $"*{Markdown(title)}*\n{Markdown(body)}" + (url is null ? "" : $"\n[Open in Lumen]({url.Replace("\\", "\\\\").Replace(")", "\\)")})"),
            "Markdown" => $"*{LegacyMarkdown(title)}*\n{LegacyMarkdown(body)}" + (url is null ? "" : $"\n[Open in Lumen]({url})"),
            _ => $"{title}\n{body}" + (url is null ? "" : $"\n{url}"),
        };
    }

    /// <summary>The three characters Telegram's HTML mode asks to escape.</summary>
    public static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Every character MarkdownV2 reserves, escaped with a backslash.</summary>
    public static string Markdown(string text) => Escape(text, "\\_*[]()~`>#+-=|{}.!");

    /// <summary>The four characters legacy Markdown reserves, escaped with a backslash.</summary>
    public static string LegacyMarkdown(string text) => Escape(text, "_*`[");

    private static string Escape(string text, string reserved)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (reserved.Contains(c)) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
