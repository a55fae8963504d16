using System.Text;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Messages;
using MimeKit.Utils;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// ntfy's publish API as documented: a POST to the topic's URL whose body is the message, with
/// the <c>Title</c>, <c>Priority</c>, <c>Tags</c> and <c>Click</c> headers and a bearer token.
/// </summary>
public sealed class NtfySenderSpecs : IAsyncLifetime
{
    /// <summary>What ntfy answers a publish with.</summary>
    private const string Published = """{"id":"sPs71M8A2T","time":1740823200,"event":"message","topic":"lumen-alerts","message":"…"}""";

    private ChannelReceiver _ntfy = null!;

    public async Task InitializeAsync() => _ntfy = await ChannelReceiver.StartAsync(Published);

    public async Task DisposeAsync() => await _ntfy.DisposeAsync();

    private JsonObject Topic(string more = "") => Config($$"""{"url":"{{_ntfy.Root}}/lumen-alerts","token":"tk_secret123"{{more}}}""");

    [Fact]
    public async Task Sender_should_publish_a_firing_alert_with_title_priority_tags_and_click()
    {
        var result = await SendAsync("ntfy", Topic(), FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _ntfy.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/lumen-alerts", request.Path);
        Assert.Equal("text/plain; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("Bearer tk_secret123", request.Header("Authorization"));
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", request.Header("Title"));
        Assert.Equal("urgent", request.Header("Priority"));
        Assert.Equal("rotating_light", request.Header("Tags"));
        Assert.Equal("https://lumen.example.net/hosts/1", request.Header("Click"));
        Assert.Equal(NotificationText.Body(Firing, withUrl: false), request.Text);
        Assert.Contains("Value: 93.2 % (threshold 80 %)", request.Text);
    }

    [Fact]
    public async Task Sender_should_publish_a_resolved_alert_at_default_priority_with_a_check_mark()
    {
        var result = await SendAsync("ntfy", Topic(), ResolvedMessage);

        Assert.True(result.Ok, result.Error);
        var request = _ntfy.Single;
        Assert.Equal("[resolved] web-1: CPU back to 41 % (below 80 %) after 12 min", request.Header("Title"));
        Assert.Equal("default", request.Header("Priority"));
        Assert.Equal("white_check_mark", request.Header("Tags"));
        Assert.Contains("(lasted 12 min)", request.Text);
    }

    [Fact]
    public async Task Sender_should_publish_a_group_as_one_message_listing_each_alert_without_a_click()
    {
        var result = await SendAsync("ntfy", Topic(), GroupMessage);

        Assert.True(result.Ok, result.Error);
        var request = _ntfy.Single;
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", request.Header("Title"));
        Assert.Equal("urgent", request.Header("Priority"));
        Assert.Null(request.Header("Click"));
        Assert.Equal(
            ["[warning] nas: offline for 2 min", "[critical] db-1: offline for 2 min", "[resolved] web-1: CPU back to 41 % (below 80 %) after 12 min"],
            request.Text.Split('\n'));
    }

    [Theory]
    [InlineData("critical", "urgent", "rotating_light")]
    [InlineData("warning", "high", "warning")]
    [InlineData("info", "low", "information_source")]
    public async Task Sender_should_pick_priority_and_tag_by_severity(string severity, string priority, string tag)
    {
        await SendAsync("ntfy", Topic(), WithSeverity(severity));

        Assert.Equal(priority, _ntfy.Single.Header("Priority"));
        Assert.Equal(tag, _ntfy.Single.Header("Tags"));
    }

    [Theory]
    [InlineData("\"min\"", "min")]
    [InlineData("\"High\"", "high")]
    [InlineData("\"max\"", "max")]
    [InlineData("2", "2")]
    public async Task Sender_should_use_the_channels_priority_when_set(string configured, string sent)
    {
        await SendAsync("ntfy", Topic($",\"priority\":{configured}"), FiringMessage);

        Assert.Equal(sent, _ntfy.Single.Header("Priority"));
    }

    [Fact]
    public async Task Sender_should_send_no_authorization_to_an_open_topic()
    {
        await SendAsync("ntfy", Config($$"""{"url":"{{_ntfy.Root}}/open"}"""), FiringMessage);

        Assert.Null(_ntfy.Single.Header("Authorization"));
    }

    [Fact]
    public async Task Sender_should_send_a_title_beyond_ascii_as_an_rfc_2047_word_that_decodes_to_it()
    {
        var hot = new Lumen.Hub.Notifications.Senders.OutgoingMessage("d-temp", [Firing with { Host = "nås", Message = "CPU temperature 91 °C > 85 °C" }]);

        await SendAsync("ntfy", Topic(), hot);

        var header = _ntfy.Single.Header("Title")!;
        Assert.True(header.All(char.IsAscii), header);
        Assert.Equal("[critical] nås: CPU temperature 91 °C > 85 °C", Rfc2047.DecodeText(Encoding.ASCII.GetBytes(header)));
    }

    [Fact]
    public async Task Sender_should_append_the_go_hubs_separate_topic_to_a_bare_server_url()
    {
        await SendAsync("ntfy", Config($$"""{"url":"{{_ntfy.Root}}","topic":"from-go"}"""), FiringMessage);

        Assert.Equal("/from-go", _ntfy.Single.Path);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("ntfy", Config($$"""{"url":"{{ClosedRoot()}}/lumen-alerts"}"""), FiringMessage), "ntfy");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_ntfy, () => SendAsync("ntfy", Topic(), FiringMessage), "ntfy",
            """{"code":50001,"http":500,"error":"internal server error"}""",
            """{"code":40101,"http":401,"error":"unauthorized","link":"https://ntfy.sh/docs/publish/#authentication"}""",
            """{"code":42901,"http":429,"error":"limit reached: too many requests"}""");

    [Theory]
    [InlineData("""{}""", "url")]
    [InlineData("""{"url":"ntfy.sh/alerts"}""", "url")]
    [InlineData("""{"url":"ftp://ntfy.sh/alerts"}""", "url")]
    [InlineData("""{"url":"https://ntfy.sh/alerts","priority":"loud"}""", "priority")]
    [InlineData("""{"url":"https://ntfy.sh/alerts","priority":6}""", "priority")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("ntfy", config, field);

    [Fact]
    public void Sender_should_accept_a_full_config_and_mask_the_token()
    {
        Assert.Null(Sender("ntfy").CheckConfig(Config("""{"url":"https://ntfy.sh/alerts","priority":"urgent","token":"tk_x","digest_window":"5m"}""")));
        Assert.Equal(["token"], Sender("ntfy").SecretFields);
    }
}
