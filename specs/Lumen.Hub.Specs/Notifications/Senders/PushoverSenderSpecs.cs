using System.Text.Json.Nodes;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Pushover's Message API as documented: a form-encoded <c>POST {api_url}/1/messages.json</c>
/// with <c>token, user, title, message, priority, url, url_title, timestamp, device</c>, and
/// <c>retry</c> and <c>expire</c> for an emergency (priority 2).
/// </summary>
public sealed class PushoverSenderSpecs : IAsyncLifetime
{
    private const string AppToken = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private const string UserKey = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";

    private ChannelReceiver _pushover = null!;

    public async Task InitializeAsync() => _pushover = await ChannelReceiver.StartAsync("""{"status":1,"request":"647d2300-702c-4b38-8b2f-d56326ae460b"}""");

    public async Task DisposeAsync() => await _pushover.DisposeAsync();

    private JsonObject App(string more = "") =>
        Config($$"""{"app_token":"{{AppToken}}","user_key":"{{UserKey}}","api_url":"{{_pushover.Root}}"{{more}}}""");

    [Fact]
    public async Task Sender_should_post_the_form_pushover_documents_with_a_link_and_the_events_time()
    {
        var result = await SendAsync("pushover", App(""","device":"phone" """), FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _pushover.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/1/messages.json", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        var form = request.Form;
        Assert.Equal(AppToken, form["token"]);
        Assert.Equal(UserKey, form["user"]);
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", form["title"]);
        Assert.StartsWith("CPU 93 % > 80 % for 1 min\nRule: CPU high (critical)\nValue: 93.2 % (threshold 80 %)", form["message"]);
        Assert.Equal("1", form["priority"]);
        Assert.Equal("https://lumen.example.net/hosts/1", form["url"]);
        Assert.Equal("Open in Lumen", form["url_title"]);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), form["timestamp"]);
        Assert.Equal("phone", form["device"]);
        Assert.False(form.ContainsKey("retry"));
    }

    [Fact]
    public async Task Sender_should_post_a_resolved_alert_at_normal_priority()
    {
        await SendAsync("pushover", App(), ResolvedMessage);

        var form = _pushover.Single.Form;
        Assert.Equal("0", form["priority"]);
        Assert.StartsWith("[resolved] web-1:", form["title"]);
        Assert.False(form.ContainsKey("device"));
    }

    [Fact]
    public async Task Sender_should_post_a_group_as_one_message_without_a_link()
    {
        await SendAsync("pushover", App(), GroupMessage);

        var form = _pushover.Single.Form;
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", form["title"]);
        Assert.Equal(3, form["message"].Split('\n').Length);
        Assert.False(form.ContainsKey("url"));
    }

    [Theory]
    [InlineData("critical", "1")]
    [InlineData("warning", "0")]
    [InlineData("info", "-1")]
    public async Task Sender_should_pick_the_priority_by_severity(string severity, string priority)
    {
        await SendAsync("pushover", App(), WithSeverity(severity));

        Assert.Equal(priority, _pushover.Single.Form["priority"]);
    }

    [Fact]
    public async Task Sender_should_send_retry_and_expire_with_an_emergency_priority()
    {
        await SendAsync("pushover", App(""","priority":2"""), FiringMessage);

        var form = _pushover.Single.Form;
        Assert.Equal("2", form["priority"]);
        Assert.Equal("60", form["retry"]);
        Assert.Equal("3600", form["expire"]);
    }

    [Fact]
    public async Task Sender_should_keep_the_message_within_pushovers_1024_characters()
    {
        var storm = new Lumen.Hub.Notifications.Senders.OutgoingMessage("g-big", [.. Enumerable.Range(1, 40).Select(i => Offline($"host-{i}", i, "warning"))]);

        await SendAsync("pushover", App(), storm);

        Assert.True(_pushover.Single.Form["message"].Length <= 1024);
        Assert.True(_pushover.Single.Form["title"].Length <= 250);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("pushover", Config($$"""{"app_token":"{{AppToken}}","user_key":"{{UserKey}}","api_url":"{{ClosedRoot()}}"}"""), FiringMessage), "pushover");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_pushover, () => SendAsync("pushover", App(), FiringMessage), "pushover",
            """{"status":0,"errors":["internal error"],"request":"5042853c"}""",
            """{"token":"invalid","errors":["application token is invalid"],"status":0,"request":"5042853c"}""",
            """{"status":0,"errors":["message limit reached"],"request":"5042853c"}""");

    [Fact]
    public async Task Sender_should_fail_at_once_when_pushover_calls_a_key_invalid()
    {
        _pushover.AnswerWith(400, """{"user":"invalid","errors":["user identifier is not a valid user, group, or subscribed user key"],"status":0,"request":"5042853c"}""");

        var result = await SendAsync("pushover", App(), FiringMessage);

        Assert.True(result.Permanent);
        Assert.StartsWith("pushover: HTTP 400: {\"user\":\"invalid\"", result.Error);
    }

    [Theory]
    [InlineData($$"""{"user_key":"{{UserKey}}"}""", "app_token")]
    [InlineData($$"""{"app_token":"too-short","user_key":"{{UserKey}}"}""", "app_token")]
    [InlineData($$"""{"app_token":"{{AppToken}}"}""", "user_key")]
    [InlineData($$"""{"app_token":"{{AppToken}}","user_key":"{{UserKey}}","priority":3}""", "priority")]
    [InlineData($$"""{"app_token":"{{AppToken}}","user_key":"{{UserKey}}","api_url":"api.pushover.net"}""", "api_url")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("pushover", config, field);

    [Fact]
    public void Sender_should_accept_a_negative_priority_and_mask_both_keys()
    {
        Assert.Null(Sender("pushover").CheckConfig(Config($$"""{"app_token":"{{AppToken}}","user_key":"{{UserKey}}","priority":-2}""")));
        Assert.Equal(["app_token", "user_key"], Sender("pushover").SecretFields);
    }
}
