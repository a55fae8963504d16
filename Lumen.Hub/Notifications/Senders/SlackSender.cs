using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// A Slack incoming webhook (or a Slack-compatible one: Mattermost, Rocket.Chat): Block Kit
/// blocks (a header, the facts as fields, when it happened, a "View in Lumen" button), the
/// whole message as <c>text</c> (Slack's notification fallback, and all that hooks without
/// Block Kit show), and an attachment in the severity's colour, as the Go hub sends.
/// </summary>
public sealed class SlackSender(IHttpClientFactory clients) : INotificationSender
{
    /// <summary>Slack's limits: a header's text, a section's text, one field's text.</summary>
    public const int HeaderLimit = 150, SectionLimit = 3000, FieldLimit = 2000;

    public string Type => ChannelTypes.Slack;

    /// <summary>Anyone holding the hook's URL can post to the channel: it is a credential.</summary>
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
        var title = NotificationText.Title(message.Notifications);
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "header",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = TextLimit.Cut(title, HeaderLimit), ["emoji"] = true },
        });
        if (message.IsGroup) blocks.Add(Section(NotificationText.Body(message.Notifications)));
        else AddDetails(blocks, message.First);
        return new JsonObject
        {
            ["text"] = Escape($"{title}\n{NotificationText.Body(message.Notifications)}"),
            ["blocks"] = blocks,
            ["attachments"] = new JsonArray(new JsonObject { ["color"] = message.Level().HexColor() }),
        };
    }

    private static void AddDetails(JsonArray blocks, Notification n)
    {
        var fields = new JsonArray(Field("Host", NotificationText.Who(n)), Field("Rule", $"{n.RuleName} ({n.Severity})"));
        if (n.ValueText.Length > 0) fields.Add(Field("Value", n.ValueText));
        if (n.ThresholdText.Length > 0) fields.Add(Field("Threshold", n.ThresholdText));
        blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        var when = n.IsResolved && n.ResolvedAt is { } end
            ? $"Fired {NotificationText.When(n.StartedAt)}, resolved {NotificationText.When(end)}"
            : $"Since {NotificationText.When(n.StartedAt)}";
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(when) }),
        });
        if (n.Url is null) return;
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "View in Lumen" },
                ["action_id"] = "view-in-lumen",
                ["url"] = n.Url,
                ["style"] = "primary",
            }),
        });
    }

    private static JsonObject Field(string name, string value) =>
        new() { ["type"] = "mrkdwn", ["text"] = TextLimit.Cut($"*{name}:*\n{Escape(value)}", FieldLimit) };

    private static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = TextLimit.Cut(Escape(text), SectionLimit) },
    };

    /// <summary>The three characters Slack asks to escape in text, where they would start a link or mention.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
