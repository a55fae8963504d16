using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// ntfy (ntfy.sh or a self-hosted server): POSTs the body as plain text to the topic's URL,
/// with the <c>Title</c>, <c>Priority</c>, <c>Tags</c> and <c>Click</c> headers ntfy documents,
/// and <c>Authorization: Bearer</c> for a protected topic.
/// </summary>
public sealed class NtfySender(IHttpClientFactory clients) : INotificationSender
{
    /// <summary>ntfy turns a longer message into an attachment (or refuses it where attachments are off).</summary>
    public const int MessageBytes = 4096;

    /// <summary>ntfy's priority names; <c>max</c> is its other name for <c>urgent</c>.</summary>
    private static readonly string[] PriorityNames = ["min", "low", "default", "high", "urgent", "max"];

    public string Type => ChannelTypes.Ntfy;

    public IReadOnlyList<string> SecretFields { get; } = ["token"];

    public string? CheckConfig(JsonObject config) => ConfigRules.First(
        ConfigRules.HttpUrl(config, "url"),
        CheckPriority(ChannelConfig.Text(config, "priority")));

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        var level = message.Level();
        var body = NotificationText.Body(message.Notifications, withUrl: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, TopicUrl(channel))
        {
            Content = new StringContent(TextLimit.CutBytes(body, MessageBytes), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Title", HeaderText(TextLimit.Cut(NotificationText.Title(message.Notifications), 250)));
        request.Headers.Add("Priority", channel.Text("priority")?.ToLowerInvariant() ?? Priority(level));
        request.Headers.Add("Tags", Tag(level));
        if (!message.IsGroup && message.First.Url is { } url) request.Headers.Add("Click", url);
        if (channel.Text("token") is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    /// <summary>ntfy's priority when the channel sets none: urgent for critical, high for warning, low for info.</summary>
    public static string Priority(MessageLevel level) => level switch
    {
        MessageLevel.Critical => "urgent",
        MessageLevel.Warning => "high",
        MessageLevel.Info => "low",
        _ => "default",
    };

    /// <summary>The emoji tag ntfy shows before the title (the Go hub's).</summary>
    public static string Tag(MessageLevel level) => level switch
    {
        MessageLevel.Critical => "rotating_light",
        MessageLevel.Warning => "warning",
        MessageLevel.Info => "information_source",
        _ => "white_check_mark",
    };

    /// <summary>
    /// HTTP headers carry ASCII only: a title with other characters (°C, an emoji in a host's
    /// name) goes as an RFC 2047 encoded word, which ntfy decodes since 2.4.
    /// </summary>
    public static string HeaderText(string text) =>
        text.All(char.IsAscii) && !text.Any(char.IsControl) ? text : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    /// <summary>
    /// The url; a channel migrated from the Go hub may keep the topic in its own <c>topic</c> field
    /// with the bare server as url, and then the topic is appended.
    /// </summary>
    public static Uri TopicUrl(NotificationChannel channel)
    {
        var url = new Uri(channel.Text("url")!);
        return channel.Text("topic") is { } topic && url.AbsolutePath == "/" ? new Uri(url, Uri.EscapeDataString(topic)) : url;
    }

    private static string? CheckPriority(string? priority) =>
        priority is null || PriorityNames.Contains(priority, StringComparer.OrdinalIgnoreCase) || ConfigRules.Number(priority) is >= 1 and <= 5
            ? null
            : "config.priority: must be min, low, default, high, urgent or a whole number from 1 to 5";
}
