using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Messages;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Gotify's message API as documented: <c>POST {server}/message</c> with the application token
/// in <c>X-Gotify-Key</c> and JSON <c>{title, message, priority, extras}</c>, the extras'
/// <c>client::notification.click.url</c> opening the host's page.
/// </summary>
public sealed class GotifySenderSpecs : IAsyncLifetime
{
    private const string Created = """{"id":25,"appid":5,"message":"…","title":"…","priority":8,"date":"2025-03-01T10:00:00Z"}""";

    private ChannelReceiver _gotify = null!;

    public async Task InitializeAsync() => _gotify = await ChannelReceiver.StartAsync(Created);

    public async Task DisposeAsync() => await _gotify.DisposeAsync();

    // Gotify behind a reverse proxy under /gotify/, as a user would paste it (trailing slash).
    private JsonObject Server(string more = "") => Config($$"""{"url":"{{_gotify.Root}}/gotify/","token":"AbCdEf.123456"{{more}}}""");

    [Fact]
    public async Task Sender_should_post_title_message_priority_and_a_click_url_with_the_app_token()
    {
        var result = await SendAsync("gotify", Server(), FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _gotify.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/gotify/message", request.Path);
        Assert.Equal("AbCdEf.123456", request.Header("X-Gotify-Key"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", (string?)request.Json["title"]);
        Assert.Equal(NotificationText.Body(Firing), (string?)request.Json["message"]);
        Assert.Equal(8, (int)request.Json["priority"]!);
        Assert.Equal("text/plain", (string?)request.Json["extras"]!["client::display"]!["contentType"]);
        Assert.Equal("https://lumen.example.net/hosts/1", (string?)request.Json["extras"]!["client::notification"]!["click"]!["url"]);
    }

    [Fact]
    public async Task Sender_should_post_a_resolved_alert_at_priority_4()
    {
        await SendAsync("gotify", Server(), ResolvedMessage);

        Assert.Equal(4, (int)_gotify.Single.Json["priority"]!);
        Assert.StartsWith("[resolved] web-1:", (string?)_gotify.Single.Json["title"]);
    }

    [Fact]
    public async Task Sender_should_post_a_group_as_one_message_without_a_click_url()
    {
        await SendAsync("gotify", Server(), GroupMessage);

        var json = _gotify.Single.Json;
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", (string?)json["title"]);
        Assert.Equal(3, ((string)json["message"]!).Split('\n').Length);
        Assert.Null(json["extras"]!["client::notification"]);
    }

    [Theory]
    [InlineData("critical", 8)]
    [InlineData("warning", 5)]
    [InlineData("info", 2)]
    public async Task Sender_should_pick_the_priority_by_severity(string severity, int priority)
    {
        await SendAsync("gotify", Server(), WithSeverity(severity));

        Assert.Equal(priority, (int)_gotify.Single.Json["priority"]!);
    }

    [Fact]
    public async Task Sender_should_use_the_channels_priority_when_set()
    {
        await SendAsync("gotify", Server(""","priority":"10" """), ResolvedMessage);

        Assert.Equal(10, (int)_gotify.Single.Json["priority"]!);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("gotify", Config($$"""{"url":"{{ClosedRoot()}}","token":"x"}"""), FiringMessage), "gotify");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_gotify, () => SendAsync("gotify", Server(), FiringMessage), "gotify",
            """{"error":"Internal Server Error","errorCode":500,"errorDescription":"database is locked"}""",
            """{"error":"Unauthorized","errorCode":401,"errorDescription":"you need to provide a valid access token or user credentials to access this api"}""",
            """{"error":"Too Many Requests","errorCode":429,"errorDescription":"slow down"}""");

    [Theory]
    [InlineData("""{"token":"x"}""", "url")]
    [InlineData("""{"url":"https://push.example.net"}""", "token")]
    [InlineData("""{"url":"https://push.example.net","token":"x","priority":11}""", "priority")]
    [InlineData("""{"url":"https://push.example.net","token":"x","priority":"high"}""", "priority")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("gotify", config, field);

    [Fact]
    public void Sender_should_mask_the_token() => Assert.Equal(["token"], Sender("gotify").SecretFields);
}
