using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// Pushover's Message API: <c>POST {api_url}/1/messages.json</c>, form-encoded, with the
/// application's token, the user's key, title, message, priority, a link to the host's page,
/// the time it happened and, for an emergency (priority 2), how often to repeat it until it is
/// acknowledged.
/// </summary>
public sealed partial class PushoverSender(IHttpClientFactory clients) : INotificationSender
{
    public const string DefaultApiUrl = "https://api.pushover.net";

    /// <summary>Pushover's limits: title, message, url title.</summary>
    public const int TitleLimit = 250, MessageLimit = 1024;

    /// <summary>An emergency repeats every minute until acknowledged, for an hour at most.</summary>
    public const int EmergencyRetrySeconds = 60, EmergencyExpireSeconds = 3600;

    public string Type => ChannelTypes.Pushover;

    public IReadOnlyList<string> SecretFields { get; } = ["app_token", "user_key"];

    public string? CheckConfig(JsonObject config) => ConfigRules.First(
        Key(config, "app_token"),
        Key(config, "user_key"),
        ConfigRules.WholeNumber(config, "priority", -2, 2),
        ConfigRules.OptionalHttpUrl(config, "api_url"));

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        var apiUrl = (channel.Text("api_url") ?? DefaultApiUrl).TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{apiUrl}/1/messages.json")
        {
            Content = new FormUrlEncodedContent(Form(channel, message)),
        };
        return await HttpSend.SendAsync(clients.CreateClient(HttpSend.ClientName), request, Type, cancel);
    }

    public static List<KeyValuePair<string, string>> Form(NotificationChannel channel, OutgoingMessage message)
    {
        var priority = ConfigRules.Number(channel.Text("priority")) ?? Priority(message.Level());
        var form = new List<KeyValuePair<string, string>>
        {
            new("token", channel.Text("app_token")!),
            new("user", channel.Text("user_key")!),
            new("title", TextLimit.Cut(NotificationText.Title(message.Notifications), TitleLimit)),
            new("message", TextLimit.Cut(NotificationText.Body(message.Notifications, withUrl: false), MessageLimit)),
            new("priority", priority.ToString(CultureInfo.InvariantCulture)),
            new("timestamp", message.Notifications.Max(n => n.Time).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (!message.IsGroup && message.First.Url is { } url)
        {
            form.Add(new("url", url));
            form.Add(new("url_title", "Open in Lumen"));
        }
        if (channel.Text("device") is { } device) form.Add(new("device", device));
        if (priority == 2)
        {
            form.Add(new("retry", EmergencyRetrySeconds.ToString(CultureInfo.InvariantCulture)));
            form.Add(new("expire", EmergencyExpireSeconds.ToString(CultureInfo.InvariantCulture)));
        }
        return form;
    }

    /// <summary>
    /// Pushover's priority when the channel sets none: critical 1 (high: sounds even in quiet
    /// hours), warning and resolved 0, info -1 (quiet). 2, an emergency that repeats until
    /// acknowledged, only when the channel asks for it.
    /// </summary>
    public static int Priority(MessageLevel level) => level switch
    {
        MessageLevel.Critical => 1,
        MessageLevel.Info => -1,
        _ => 0,
    };

    private static string? Key(JsonObject config, string field) => ChannelConfig.Text(config, field) switch
    {
        null => $"config.{field}: is required",
        var key when !PushoverKey().IsMatch(key) => $"config.{field}: must be the 30 letters and digits Pushover shows",
        _ => null,
    };

    /// <summary>Pushover's application tokens and user keys: 30 characters, letters and digits.</summary>
    [GeneratedRegex("^[A-Za-z0-9]{30}$")]
    private static partial Regex PushoverKey();
}
