using System.Text.Json.Nodes;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Slack's incoming webhooks as documented: a JSON POST with <c>text</c> (the notification
/// fallback), Block Kit <c>blocks</c> (header, section fields, context, actions with a link
/// button) and a coloured attachment; <c>&amp; &lt; &gt;</c> escaped in mrkdwn.
/// </summary>
public sealed class SlackSenderSpecs : IAsyncLifetime
{
    private ChannelReceiver _slack = null!;

    // Slack answers a webhook with 200 and the plain text "ok".
    public async Task InitializeAsync() => _slack = await ChannelReceiver.StartAsync("ok", "text/plain");

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private JsonObject Hook => Config($$"""{"url":"{{_slack.Root}}/services/T0001/B0001/XXXXXXXXXXXXXXXX"}""");

    private static JsonObject Block(ReceivedRequest request, string type) =>
        request.Json["blocks"]!.AsArray().Single(block => (string?)block!["type"] == type)!.AsObject();

    private static string[] Types(ReceivedRequest request) => [.. request.Json["blocks"]!.AsArray().Select(block => (string)block!["type"]!)];

    [Fact]
    public async Task Sender_should_post_a_header_the_facts_as_fields_and_a_view_in_lumen_button()
    {
        var result = await SendAsync("slack", Hook, FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _slack.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/services/T0001/B0001/XXXXXXXXXXXXXXXX", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.StartsWith("[critical] web-1: CPU 93 % &gt; 80 % for 1 min\nCPU 93 % &gt; 80 % for 1 min\n", (string?)request.Json["text"]);
        Assert.Equal(["header", "section", "context", "actions"], Types(request));
        var header = Block(request, "header")["text"]!;
        Assert.Equal("plain_text", (string?)header["type"]);
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", (string?)header["text"]);
        Assert.Equal(
            ["*Host:*\nweb-1", "*Rule:*\nCPU high (critical)", "*Value:*\n93.2 %", "*Threshold:*\n80 %"],
            Block(request, "section")["fields"]!.AsArray().Select(field => (string)field!["text"]!));
        Assert.All(Block(request, "section")["fields"]!.AsArray(), field => Assert.Equal("mrkdwn", (string?)field!["type"]));
        Assert.Equal("Since 2025-03-01 10:00 UTC", (string?)Block(request, "context")["elements"]![0]!["text"]);
        var button = Block(request, "actions")["elements"]![0]!;
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal("View in Lumen", (string?)button["text"]!["text"]);
        Assert.Equal("view-in-lumen", (string?)button["action_id"]);
        Assert.Equal("https://lumen.example.net/hosts/1", (string?)button["url"]);
        Assert.Equal("#dc3545", (string?)request.Json["attachments"]![0]!["color"]);
    }

    [Fact]
    public async Task Sender_should_post_a_resolved_alert_in_green_with_when_it_fired_and_ended()
    {
        await SendAsync("slack", Hook, ResolvedMessage);

        var request = _slack.Single;
        Assert.Equal("#198754", (string?)request.Json["attachments"]![0]!["color"]);
        Assert.StartsWith("[resolved] web-1:", (string?)Block(request, "header")["text"]!["text"]);
        Assert.Equal("Fired 2025-03-01 10:00 UTC, resolved 2025-03-01 10:12 UTC", (string?)Block(request, "context")["elements"]![0]!["text"]);
    }

    [Fact]
    public async Task Sender_should_post_a_group_as_a_header_and_one_section_listing_each_alert()
    {
        await SendAsync("slack", Hook, GroupMessage);

        var request = _slack.Single;
        Assert.Equal(["header", "section"], Types(request));
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", (string?)Block(request, "header")["text"]!["text"]);
        Assert.Equal(3, ((string)Block(request, "section")["text"]!["text"]!).Split('\n').Length);
        Assert.Equal("#dc3545", (string?)request.Json["attachments"]![0]!["color"]);
    }

    [Fact]
    public async Task Sender_should_leave_out_the_button_when_the_hub_has_no_public_url()
    {
        var withoutUrl = new Lumen.Hub.Notifications.Senders.OutgoingMessage("d-1", [Firing with { Url = null }]);

        await SendAsync("slack", Hook, withoutUrl);

        Assert.DoesNotContain("actions", Types(_slack.Single));
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("slack", Config($$"""{"url":"{{ClosedRoot()}}/services/T/B/X"}"""), FiringMessage), "slack");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_slack, () => SendAsync("slack", Hook, FiringMessage), "slack",
            "internal_error", "invalid_token", "rate_limited");

    [Theory]
    [InlineData("""{}""", "url")]
    [InlineData("""{"url":"hooks.slack.com/services/T/B/X"}""", "url")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("slack", config, field);

    [Fact]
    public void Sender_should_accept_a_mattermost_hook_and_mask_the_url()
    {
        Assert.Null(Sender("slack").CheckConfig(Config("""{"url":"https://chat.example.net/hooks/xxx-generatedkey-xxx"}""")));
        Assert.Equal(["url"], Sender("slack").SecretFields);
    }
}
