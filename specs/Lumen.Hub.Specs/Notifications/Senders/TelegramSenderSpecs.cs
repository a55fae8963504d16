using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lumen.Hub.Notifications.Messages;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Telegram's Bot API as documented: <c>POST {api_url}/bot{token}/sendMessage</c> with JSON
/// <c>{chat_id, text, parse_mode}</c>, the text marked up in HTML with only <c>&amp; &lt; &gt;</c>
/// escaped (or MarkdownV2, or plain).
/// </summary>
public sealed partial class TelegramSenderSpecs : IAsyncLifetime
{
    private const string Sent = """{"ok":true,"result":{"message_id":42,"chat":{"id":-1001234567890,"type":"supergroup"},"date":1740823200,"text":"…"}}""";

    private ChannelReceiver _telegram = null!;

    public async Task InitializeAsync() => _telegram = await ChannelReceiver.StartAsync(Sent);

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    private JsonObject Bot(string more = "") =>
        Config($$"""{"bot_token":"123456:ABC-DEF1234ghIkl","chat_id":"-1001234567890","api_url":"{{_telegram.Root}}"{{more}}}""");

    /// <summary>What Telegram shows of an HTML-mode text: the tags gone, the entities decoded.</summary>
    private static string Shown(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    [Fact]
    public async Task Sender_should_send_a_bold_escaped_title_the_details_and_a_link_as_html()
    {
        var result = await SendAsync("telegram", Bot(), FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _telegram.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/bot123456:ABC-DEF1234ghIkl/sendMessage", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("-1001234567890", (string?)request.Json["chat_id"]);
        Assert.Equal("HTML", (string?)request.Json["parse_mode"]);
        var text = (string)request.Json["text"]!;
        Assert.StartsWith("<b>[critical] web-1: CPU 93 % &gt; 80 % for 1 min</b>\n", text);
        Assert.EndsWith("\n<a href=\"https://lumen.example.net/hosts/1\">Open in Lumen</a>", text);
        Assert.Equal($"{NotificationText.Title(Firing)}\n{NotificationText.Body(Firing, withUrl: false)}\nOpen in Lumen", Shown(text));
        Assert.True((bool)request.Json["link_preview_options"]!["is_disabled"]!);
    }

    [Theory]
    [InlineData("info", true)]
    [InlineData("warning", false)]
    [InlineData("critical", false)]
    public async Task Sender_should_send_only_info_messages_silently(string severity, bool silent)
    {
        await SendAsync("telegram", Bot(), WithSeverity(severity));

        Assert.Equal(silent, (bool?)_telegram.Single.Json["disable_notification"] ?? false);
    }

    [Fact]
    public async Task Sender_should_send_a_resolved_alert_saying_how_long_it_lasted()
    {
        await SendAsync("telegram", Bot(), ResolvedMessage);

        var shown = Shown((string)_telegram.Single.Json["text"]!);
        Assert.StartsWith("[resolved] web-1: CPU back to 41 % (below 80 %) after 12 min\n", shown);
        Assert.Contains("(lasted 12 min)", shown);
    }

    [Fact]
    public async Task Sender_should_send_a_group_as_one_message_listing_each_alert()
    {
        await SendAsync("telegram", Bot(), GroupMessage);

        var text = (string)_telegram.Single.Json["text"]!;
        Assert.Equal(
            ["[critical] 2 alerts, 1 resolved on 3 hosts", "[warning] nas: offline for 2 min", "[critical] db-1: offline for 2 min", "[resolved] web-1: CPU back to 41 % (below 80 %) after 12 min"],
            Shown(text).Split('\n'));
        Assert.DoesNotContain("<a href", text);
    }

    [Fact]
    public async Task Sender_should_escape_every_reserved_character_in_markdown_v2()
    {
        await SendAsync("telegram", Bot(""","parse_mode":"MarkdownV2" """), FiringMessage);

        var request = _telegram.Single;
        Assert.Equal("MarkdownV2", (string?)request.Json["parse_mode"]);
        var text = (string)request.Json["text"]!;
        Assert.StartsWith(@"*\[critical\] web\-1: CPU 93 % \> 80 % for 1 min*", text);
        Assert.EndsWith("[Open in Lumen](https://lumen.example.net/hosts/1)", text);
    }

    [Fact]
    public async Task Sender_should_escape_legacy_markdown_for_a_channel_made_on_the_go_hub()
    {
        await SendAsync("telegram", Bot(""","parse_mode":"Markdown" """), new Lumen.Hub.Notifications.Senders.OutgoingMessage("d-1", [Firing with { RuleName = "cpu_high" }]));

        var request = _telegram.Single;
        Assert.Equal("Markdown", (string?)request.Json["parse_mode"]);
        var text = (string)request.Json["text"]!;
        Assert.StartsWith(@"*\[critical] web-1: CPU 93 % > 80 % for 1 min*", text);
        Assert.Contains(@"Rule: cpu\_high (critical)", text);
        Assert.EndsWith("[Open in Lumen](https://lumen.example.net/hosts/1)", text);
    }

    [Fact]
    public async Task Sender_should_send_plain_text_without_parse_mode_when_it_is_none()
    {
        await SendAsync("telegram", Bot(""","parse_mode":"none" """), FiringMessage);

        var request = _telegram.Single;
        Assert.Null(request.Json["parse_mode"]);
        Assert.StartsWith("[critical] web-1: CPU 93 % > 80 % for 1 min\n", (string?)request.Json["text"]);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("telegram", Config($$"""{"bot_token":"123:abc","chat_id":"1","api_url":"{{ClosedRoot()}}"}"""), FiringMessage), "telegram");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_telegram, () => SendAsync("telegram", Bot(), FiringMessage), "telegram",
            """{"ok":false,"error_code":500,"description":"Internal Server Error"}""",
            """{"ok":false,"error_code":401,"description":"Unauthorized"}""",
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}""");

    [Fact]
    public async Task Sender_should_keep_telegrams_description_of_a_bad_chat_in_the_error()
    {
        _telegram.AnswerWith(400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");

        var result = await SendAsync("telegram", Bot(), FiringMessage);

        Assert.True(result.Permanent);
        Assert.Contains("Bad Request: chat not found", result.Error);
    }

    [Theory]
    [InlineData("""{"chat_id":"1"}""", "bot_token")]
    [InlineData("""{"bot_token":"123:abc def","chat_id":"1"}""", "bot_token")]
    [InlineData("""{"bot_token":"123:abc"}""", "chat_id")]
    [InlineData("""{"bot_token":"123:abc","chat_id":"1","parse_mode":"BBCode"}""", "parse_mode")]
    [InlineData("""{"bot_token":"123:abc","chat_id":"1","api_url":"telegram.local"}""", "api_url")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("telegram", config, field);

    [Fact]
    public void Sender_should_accept_a_numeric_chat_id_and_mask_the_bot_token()
    {
        Assert.Null(Sender("telegram").CheckConfig(Config("""{"bot_token":"123:abc","chat_id":-1001234567890,"parse_mode":"html"}""")));
        Assert.Equal(["bot_token"], Sender("telegram").SecretFields);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
