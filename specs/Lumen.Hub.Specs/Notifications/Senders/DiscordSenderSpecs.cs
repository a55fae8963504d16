using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Discord's Execute Webhook as documented: a JSON POST to the webhook URL with <c>content</c>
/// (at most 2000 characters) and embeds (title at most 256, description at most 4096, an
/// integer colour, a url), and <c>allowed_mentions</c> so nothing pings.
/// </summary>
public sealed class DiscordSenderSpecs : IAsyncLifetime
{
    private ChannelReceiver _discord = null!;

    // Discord answers a webhook without ?wait=true with 204 and no body.
    public async Task InitializeAsync()
    {
        _discord = await ChannelReceiver.StartAsync();
        _discord.AnswerWith(204);
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private JsonObject Hook => Config($$"""{"url":"{{_discord.Root}}/api/webhooks/1234567890/tokenABC"}""");

    private static JsonObject Embed(ReceivedRequest request) => Assert.Single(request.Json["embeds"]!.AsArray())!.AsObject();

    [Fact]
    public async Task Sender_should_post_the_title_as_content_and_the_details_as_a_red_embed_linking_the_host()
    {
        var result = await SendAsync("discord", Hook, FiringMessage);

        Assert.True(result.Ok, result.Error);
        var request = _discord.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/webhooks/1234567890/tokenABC", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", (string?)request.Json["content"]);
        var embed = Embed(request);
        Assert.Equal("web-1", (string?)embed["title"]);
        Assert.Equal("https://lumen.example.net/hosts/1", (string?)embed["url"]);
        Assert.Equal(0xdc3545, (int)embed["color"]!);
        Assert.Equal(NotificationText.Body(Firing, withUrl: false), (string?)embed["description"]);
        Assert.Equal("2025-03-01T10:00:00Z", (string?)embed["timestamp"]);
        Assert.Empty(request.Json["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Sender_should_post_a_resolved_alert_in_green()
    {
        var result = await SendAsync("discord", Hook, ResolvedMessage);

        Assert.True(result.Ok, result.Error);
        Assert.StartsWith("[resolved] web-1:", (string?)_discord.Single.Json["content"]);
        Assert.Equal(0x198754, (int)Embed(_discord.Single)["color"]!);
        Assert.Contains("(lasted 12 min)", (string?)Embed(_discord.Single)["description"]);
    }

    [Theory]
    [InlineData("warning", 0xfd7e14)]
    [InlineData("info", 0x0d6efd)]
    public async Task Sender_should_colour_the_embed_by_severity(string severity, int color)
    {
        await SendAsync("discord", Hook, WithSeverity(severity));

        Assert.Equal(color, (int)Embed(_discord.Single)["color"]!);
    }

    [Fact]
    public async Task Sender_should_post_a_group_as_one_message_without_a_link()
    {
        var result = await SendAsync("discord", Hook, GroupMessage);

        Assert.True(result.Ok, result.Error);
        var embed = Embed(_discord.Single);
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", (string?)_discord.Single.Json["content"]);
        Assert.Equal("3 alerts", (string?)embed["title"]);
        Assert.Null(embed["url"]);
        Assert.Equal(3, ((string)embed["description"]!).Split('\n').Length);
    }

    [Fact]
    public async Task Sender_should_keep_a_huge_group_within_discords_limits()
    {
        var longName = new string('x', 3000);
        var storm = new OutgoingMessage("g-big", [.. Enumerable.Range(1, 60).Select(i => Offline($"host-{i}-{longName}", i, "critical"))]);

        var result = await SendAsync("discord", Hook, storm);

        Assert.True(result.Ok, result.Error);
        Assert.True(((string)_discord.Single.Json["content"]!).Length <= 2000);
        Assert.True(((string)Embed(_discord.Single)["description"]!).Length <= 4096);
        Assert.True(((string)Embed(_discord.Single)["title"]!).Length <= 256);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens() =>
        AssertRetriedAsUnreachable(await SendAsync("discord", Config($$"""{"url":"{{ClosedRoot()}}/api/webhooks/1/x"}"""), FiringMessage), "discord");

    [Fact]
    public async Task Sender_should_retry_a_500_fail_at_once_on_a_401_and_wait_as_a_429_asks() =>
        await AssertFarEndAnswersAreMappedAsync(_discord, () => SendAsync("discord", Hook, FiringMessage), "discord",
            """{"message":"500: Internal Server Error","code":0}""",
            """{"message":"Invalid Webhook Token","code":50027}""",
            """{"message":"You are being rate limited.","retry_after":3.0,"global":false}""");

    [Theory]
    [InlineData("""{}""", "url")]
    [InlineData("""{"url":"discord.com/api/webhooks/1/x"}""", "url")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("discord", config, field);

    [Fact]
    public void Sender_should_mask_the_webhook_url_which_is_a_credential() =>
        Assert.Equal(["url"], Sender("discord").SecretFields);
}
