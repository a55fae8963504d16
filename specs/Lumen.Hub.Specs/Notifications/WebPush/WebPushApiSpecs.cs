using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>The web push routes against the real hub in-process, its SQLite file and its data folder.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WebPushApiSpecs : IAsyncLifetime
{
    private const long PushChannel = 7;
    private const long NtfyChannel = 8;

    private readonly HubFactory _hub = new();
    private readonly PushBrowser _browser = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _hub.Database.Execute($"""
            INSERT INTO notification_channels (id, name, type, config, created_at, updated_at)
            VALUES ({PushChannel}, 'phones', 'web_push', '{"{}"}', 1, 1), ({NtfyChannel}, 'ntfy', 'ntfy', '{"{"}"url":"https://ntfy.sh/x"{"}"}', 1, 1);
            """);
        _admin = await _hub.SignedInClientAsync();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _hub.DisposeAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<HttpResponseMessage> SubscribeAsync(string endpoint, long channelId = PushChannel, string? label = null) =>
        _admin.PostAsJsonAsync("/api/alerts/web-push/subscribe", new { channel_id = channelId, endpoint, p256dh = _browser.P256dh, auth = _browser.Auth, label });

    [Fact]
    public async Task The_public_key_should_be_the_65_byte_point_of_the_key_file_with_the_subject()
    {
        var view = await JsonAsync(await _admin.GetAsync("/api/alerts/web-push/vapid-public-key"), HttpStatusCode.OK);

        Assert.Equal(["public_key", "subject"], view.EnumerateObject().Select(field => field.Name));
        var publicKey = view.GetProperty("public_key").GetString()!;
        Assert.Equal(65, Base64Url.DecodeFromChars(publicKey).Length);
        Assert.Equal("mailto:admin@example.invalid", view.GetProperty("subject").GetString());
        var keyFile = Path.Combine(_hub.Database.Folder, "vapid.json");
        Assert.Equal(publicKey, JsonNode.Parse(File.ReadAllText(keyFile))!["public_key"]!.GetValue<string>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    [Fact]
    public async Task The_routes_should_need_a_session()
    {
        var anonymous = _hub.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/alerts/web-push/vapid-public-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/alerts/web-push/subscribe", new { channel_id = PushChannel })).StatusCode);
    }

    [Fact]
    public async Task Setting_the_subject_should_answer_204_and_show_in_the_key_view()
    {
        var response = await _admin.PutAsJsonAsync("/api/alerts/web-push/subject", new { subject = " mailto:ops@home.example.org " });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var view = await JsonAsync(await _admin.GetAsync("/api/alerts/web-push/vapid-public-key"), HttpStatusCode.OK);
        Assert.Equal("mailto:ops@home.example.org", view.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("""{"subject":"ops@example.org"}""")]
    [InlineData("""{"subject":"http://example.org"}""")]
    [InlineData("""{}""")]
    public async Task Setting_the_subject_should_refuse_anything_but_mailto_or_https(string body)
    {
        var error = await (await _admin.PutAsync("/api/alerts/web-push/subject", Frames.Content(body))).AssertApiErrorAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("subject", error);
    }

    [Fact]
    public async Task Subscribe_should_answer_the_subscription_without_its_keys_and_list_it_under_the_channel()
    {
        var subscription = await JsonAsync(await SubscribeAsync("https://push.example.org/wpush/abc", label: "Pixel 8"), HttpStatusCode.OK);

        Assert.Equal(["id", "channel_id", "endpoint", "label", "created_at"], subscription.EnumerateObject().Select(field => field.Name));
        Assert.Equal(PushChannel, subscription.GetProperty("channel_id").GetInt64());
        Assert.Equal("https://push.example.org/wpush/abc", subscription.GetProperty("endpoint").GetString());
        Assert.Equal("Pixel 8", subscription.GetProperty("label").GetString());
        var listed = await JsonAsync(await _admin.GetAsync($"/api/alerts/channels/{PushChannel}/web-push/subscriptions"), HttpStatusCode.OK);
        Assert.Equal(subscription.GetRawText(), Assert.Single(listed.EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task Subscribe_should_keep_one_row_when_the_browser_subscribes_again()
    {
        var first = await JsonAsync(await SubscribeAsync("https://push.example.org/wpush/abc"), HttpStatusCode.OK);

        var again = await JsonAsync(await SubscribeAsync("https://push.example.org/wpush/abc", label: "renamed"), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal("renamed", again.GetProperty("label").GetString());
        Assert.Equal(1, _hub.Database.Scalar("SELECT count(*) FROM web_push_subscriptions"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9999/push/a")]
    [InlineData("http://localhost:9999/push/a")]
    [InlineData("http://[::1]:9999/push/a")]
    public async Task Subscribe_should_take_a_plain_http_endpoint_on_this_machine(string endpoint) =>
        await JsonAsync(await SubscribeAsync(endpoint), HttpStatusCode.OK);

    public static TheoryData<string, string> BadSubscriptions()
    {
        using var browser = new PushBrowser();
        var point = browser.PublicKey;
        var offCurve = point.ToArray();
        offCurve[64] ^= 0x01;
        string Body(object? channelId = null, string? endpoint = "https://push.example.org/a", string? p256dh = null, string? auth = null, string? label = null) =>
            JsonSerializer.Serialize(new { channel_id = channelId ?? PushChannel, endpoint, p256dh = p256dh ?? browser.P256dh, auth = auth ?? browser.Auth, label });
        return new()
        {
            { """{"endpoint":"https://push.example.org/a","p256dh":"x","auth":"y"}""", "channel_id is required" },
            { Body(channelId: 0), "channel_id is required" },
            { Body(endpoint: null), "endpoint is required" },
            { Body(endpoint: "http://push.example.org/a"), "endpoint must be an https:// address" },
            { Body(endpoint: "ftp://push.example.org/a"), "endpoint must be an https:// address" },
            { Body(endpoint: "not a url"), "endpoint must be an https:// address" },
            { Body(p256dh: ""), "p256dh is required" },
            { Body(p256dh: Convert.ToBase64String(point).Replace('_', '/').Replace('-', '+') + "+/"), "p256dh must be base64url" },
            { Body(p256dh: Base64Url.EncodeToString(point[..64])), "p256dh must be a 65-byte uncompressed P-256 point, got 64 bytes" },
            { Body(p256dh: Base64Url.EncodeToString([0x02, .. point[1..]])), "p256dh must be an uncompressed P-256 point" },
            { Body(p256dh: Base64Url.EncodeToString(offCurve)), "p256dh is not a point on the P-256 curve" },
            { Body(auth: ""), "auth is required" },
            { Body(auth: Base64Url.EncodeToString(new byte[15])), "auth must be base64url of 16 bytes" },
            { Body(label: new string('x', 129)), "label must be at most 128 characters" },
            { """{"channel_id":7,"endpoint":"https://push.example.org/a","keys":{}}""", "unknown field" },
        };
    }

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Subscribe_should_refuse_a_bad_body_naming_the_field_and_store_nothing(string body, string error)
    {
        var response = await _admin.PostAsync("/api/alerts/web-push/subscribe", Frames.Content(body));

        Assert.Contains(error, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM web_push_subscriptions"));
    }

    [Fact]
    public async Task Subscribe_should_answer_404_for_no_such_channel_and_400_for_a_channel_of_another_type()
    {
        Assert.Contains("channel not found", await (await SubscribeAsync("https://push.example.org/a", channelId: 99)).AssertApiErrorAsync(HttpStatusCode.NotFound));

        var error = await (await SubscribeAsync("https://push.example.org/a", channelId: NtfyChannel)).AssertApiErrorAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("channel_id: channel 8 is of type ntfy", error);
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM web_push_subscriptions"));
    }

    [Fact]
    public async Task Listing_should_answer_404_for_no_such_channel() =>
        Assert.Contains("channel not found", await (await _admin.GetAsync("/api/alerts/channels/99/web-push/subscriptions")).AssertApiErrorAsync(HttpStatusCode.NotFound));

    [Fact]
    public async Task Deleting_should_answer_204_then_404()
    {
        var id = (await JsonAsync(await SubscribeAsync("https://push.example.org/a"), HttpStatusCode.OK)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/alerts/web-push/subscriptions/{id}")).StatusCode);

        Assert.Equal("subscription not found", await (await _admin.DeleteAsync($"/api/alerts/web-push/subscriptions/{id}")).AssertApiErrorAsync(HttpStatusCode.NotFound));
        Assert.Empty((await JsonAsync(await _admin.GetAsync($"/api/alerts/channels/{PushChannel}/web-push/subscriptions"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_browser_subscribed_through_the_API_should_get_the_hubs_push_signed_with_the_key_the_API_hands_out()
    {
        await using var pushService = await PushServiceReceiver.StartAsync();
        var publicKey = (await JsonAsync(await _admin.GetAsync("/api/alerts/web-push/vapid-public-key"), HttpStatusCode.OK)).GetProperty("public_key").GetString()!;
        await _admin.PutAsJsonAsync("/api/alerts/web-push/subject", new { subject = "https://lumen.home.example.org" });
        await JsonAsync(await SubscribeAsync(pushService.Endpoint("phone")), HttpStatusCode.OK);
        var sender = _hub.Services.GetRequiredService<NotificationSenders>().Find(ChannelTypes.WebPush)!;
        var channel = new NotificationChannel(PushChannel, "phones", ChannelTypes.WebPush, [], true, AlertSeverity.Info, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var result = await sender.SendAsync(channel, new OutgoingMessage("d-1", [WebPushRig.Firing(eventId: 41, hostId: 3)]), CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        var push = Assert.Single(pushService.Requests);
        var token = VapidToken.Parse(push.Header("Authorization"));
        Assert.Equal(publicKey, token.Key);
        Assert.True(token.IsSignedBy(publicKey));
        Assert.Equal("https://lumen.home.example.org", token.Subject);
        var payload = JsonDocument.Parse(_browser.DecryptText(push.Body)).RootElement;
        Assert.Equal("/hosts/3", payload.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_web_push_channel_made_through_the_channels_API_should_test_only_once_a_browser_subscribed()
    {
        await using var pushService = await PushServiceReceiver.StartAsync();
        var channel = await JsonAsync(await _admin.PostAsJsonAsync("/api/alerts/channels", new { name = "My phones", type = "web_push", config = new { } }), HttpStatusCode.Created);
        var id = channel.GetProperty("id").GetInt64();

        var untested = await JsonAsync(await _admin.PostAsync($"/api/alerts/channels/{id}/test", null), HttpStatusCode.BadGateway);
        Assert.Contains("no browser has subscribed", untested.GetProperty("error").GetString());

        await JsonAsync(await SubscribeAsync(pushService.Endpoint("phone"), channelId: id), HttpStatusCode.OK);
        var tested = await JsonAsync(await _admin.PostAsync($"/api/alerts/channels/{id}/test", null), HttpStatusCode.OK);

        Assert.True(tested.GetProperty("ok").GetBoolean());
        var payload = JsonDocument.Parse(_browser.DecryptText(Assert.Single(pushService.Requests).Body)).RootElement;
        Assert.Contains("test-host", payload.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_keys_should_survive_a_restart_of_the_hub()
    {
        var before = (await JsonAsync(await _admin.GetAsync("/api/alerts/web-push/vapid-public-key"), HttpStatusCode.OK)).GetProperty("public_key").GetString();
        await _hub.StopAsync();

        await using var restarted = new HubFactory().With("LUMEN_HUB_DB_PATH", _hub.Database.FilePath);
        var admin = await restarted.SignedInClientAsync();

        var after = (await JsonAsync(await admin.GetAsync("/api/alerts/web-push/vapid-public-key"), HttpStatusCode.OK)).GetProperty("public_key").GetString();
        Assert.Equal(before, after);
    }
}
