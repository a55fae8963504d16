using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Notifications.WebPush;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>
/// The web_push sender against a push service on 127.0.0.1, the spec in the browser's place:
/// it decrypts what arrives with its own keys and checks the request as RFC 8030, 8291 and
/// 8292 describe it.
/// </summary>
public sealed class WebPushSenderSpecs : IAsyncLifetime
{
    private WebPushRig _rig = null!;

    public async Task InitializeAsync() => _rig = await WebPushRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private JsonElement Payload(PushBrowser browser, PushRequest push) => JsonDocument.Parse(browser.DecryptText(push.Body)).RootElement;

    [Fact]
    public async Task Send_should_deliver_a_payload_the_browser_decrypts_to_the_title_body_and_host_page()
    {
        using var browser = _rig.Subscribe("phone");

        var result = await _rig.SendAsync(WebPushRig.Firing(eventId: 41, hostId: 3));

        Assert.True(result.Ok, result.Error);
        var payload = Payload(browser, Assert.Single(_rig.PushService.To("phone")));
        Assert.Equal(["title", "body", "tag", "url", "severity", "state", "event_id"], payload.EnumerateObject().Select(field => field.Name));
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", payload.GetProperty("title").GetString());
        Assert.StartsWith("CPU 93 % > 80 % for 1 min\nRule: CPU hot (critical)\nValue: 93.2 % (threshold 80 %)", payload.GetProperty("body").GetString());
        Assert.Equal("lumen-event-41", payload.GetProperty("tag").GetString());
        Assert.Equal("/hosts/3", payload.GetProperty("url").GetString());
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("firing", payload.GetProperty("state").GetString());
        Assert.Equal(41, payload.GetProperty("event_id").GetInt64());
    }

    [Fact]
    public async Task Send_should_ask_the_push_service_to_keep_a_firing_alert_a_day_wake_the_phone_and_collapse_by_event()
    {
        using var browser = _rig.Subscribe("phone");

        await _rig.SendAsync(WebPushRig.Firing(eventId: 41, severity: "warning"));

        var push = Assert.Single(_rig.PushService.Requests);
        Assert.Equal("86400", push.Header("TTL"));
        Assert.Equal("high", push.Header("Urgency"));
        Assert.Equal("lumen-event-41", push.Header("Topic"));
        Assert.Equal("aes128gcm", push.Header("Content-Encoding"));
        Assert.Equal("application/octet-stream", push.Header("Content-Type"));
    }

    [Theory]
    [InlineData("info", "firing", "normal")]
    [InlineData("critical", "resolved", "normal")]
    [InlineData("critical", "firing", "high")]
    public async Task Send_should_mark_only_a_firing_warning_or_critical_as_high_urgency(string severity, string state, string urgency)
    {
        using var browser = _rig.Subscribe("phone");

        await _rig.SendAsync(WebPushRig.Firing(severity: severity) with { State = state });

        var push = Assert.Single(_rig.PushService.Requests);
        Assert.Equal(urgency, push.Header("Urgency"));
        Assert.Equal("86400", push.Header("TTL"));
    }

    [Fact]
    public async Task Send_should_give_a_resolution_the_firing_messages_topic_and_tag_so_it_replaces_it()
    {
        using var browser = _rig.Subscribe("phone");

        await _rig.SendAsync(WebPushRig.Firing(eventId: 41));
        await _rig.SendAsync(WebPushRig.Resolved(eventId: 41));

        var (firing, resolved) = (_rig.PushService.To("phone")[0], _rig.PushService.To("phone")[1]);
        Assert.Equal(firing.Header("Topic"), resolved.Header("Topic"));
        var payload = Payload(browser, resolved);
        Assert.Equal("lumen-event-41", payload.GetProperty("tag").GetString());
        Assert.Equal("resolved", payload.GetProperty("state").GetString());
        Assert.StartsWith("[resolved] web-1: CPU back to 41 %", payload.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Send_should_sign_a_VAPID_token_for_the_push_services_origin_valid_for_12_hours()
    {
        using var browser = _rig.Subscribe("phone");
        var before = DateTimeOffset.UtcNow;

        await _rig.SendAsync(WebPushRig.Firing());

        var token = VapidToken.Parse(Assert.Single(_rig.PushService.Requests).Header("Authorization"));
        Assert.Equal(_rig.Keys.Current.PublicKeyText, token.Key);
        Assert.True(token.IsSignedBy(_rig.Keys.Current.PublicKeyText), "the ES256 signature does not verify with the VAPID public key");
        Assert.Equal("ES256", token.Header.GetProperty("alg").GetString());
        Assert.Equal(_rig.PushService.Url.GetLeftPart(UriPartial.Authority), token.Audience);
        // Twelve hours, within RFC 8292's 24: exp is whole seconds, so a second's slack below.
        Assert.InRange(token.Expires, before.AddHours(12).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(12));
        Assert.Equal(VapidSubject.Default, token.Subject);
    }

    [Fact]
    public async Task Send_should_reach_every_browser_of_the_channel_each_with_its_own_keys()
    {
        using var phone = _rig.Subscribe("phone");
        using var laptop = _rig.Subscribe("laptop");

        Assert.True((await _rig.SendAsync(WebPushRig.Firing())).Ok);

        Assert.Equal("firing", Payload(phone, Assert.Single(_rig.PushService.To("phone"))).GetProperty("state").GetString());
        Assert.Equal("firing", Payload(laptop, Assert.Single(_rig.PushService.To("laptop"))).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(410)]
    [InlineData(404)]
    public async Task Send_should_delete_a_subscription_the_push_service_says_is_gone_and_still_reach_the_others(int status)
    {
        using var gone = _rig.Subscribe("gone");
        using var phone = _rig.Subscribe("phone");
        _rig.PushService.Answer("gone", status);

        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.True(result.Ok, result.Error);
        Assert.Single(_rig.PushService.To("phone"));
        Assert.Equal([_rig.PushService.Endpoint("phone")], _rig.Subscriptions.ListByChannel(_rig.Channel.Id).Select(s => s.Endpoint));
    }

    [Fact]
    public async Task Send_should_fail_with_the_push_services_error_keeping_the_subscription_and_still_reach_the_others()
    {
        using var broken = _rig.Subscribe("broken", label: "old tablet");
        using var phone = _rig.Subscribe("phone");
        _rig.PushService.Answer("broken", 500, body: "push service overloaded");

        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.False(result.Ok);
        Assert.Equal(500, result.HttpStatus);
        Assert.False(result.Permanent);
        Assert.Contains("'old tablet' via 127.0.0.1", result.Error);
        Assert.Contains("HTTP 500: push service overloaded", result.Error);
        Assert.Single(_rig.PushService.To("phone"));
        Assert.Equal(2, _rig.Subscriptions.ListByChannel(_rig.Channel.Id).Count);
    }

    [Fact]
    public async Task Send_should_pass_on_a_429s_Retry_After()
    {
        using var phone = _rig.Subscribe("phone");
        _rig.PushService.Answer("phone", 429, retryAfter: "3");

        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.False(result.Ok);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
    }

    [Fact]
    public async Task Send_should_report_a_failure_a_retry_can_mend_before_a_permanent_one()
    {
        using var refused = _rig.Subscribe("refused");
        using var busy = _rig.Subscribe("busy");
        _rig.PushService.Answer("refused", 400);
        _rig.PushService.Answer("busy", 503);

        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.Equal(503, result.HttpStatus);
        Assert.False(result.Permanent);
    }

    [Fact]
    public async Task Send_should_say_the_subject_is_a_placeholder_when_a_push_service_refuses_the_token()
    {
        using var phone = _rig.Subscribe("phone");
        _rig.PushService.Answer("phone", 403, body: """{"reason":"BadJwtToken"}""");

        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.Contains("BadJwtToken", result.Error);
        Assert.Contains("mailto:admin@example.invalid is a placeholder", result.Error);
        _rig.Keys.SetSubject("mailto:ops@home.example.org");
        Assert.DoesNotContain("placeholder", (await _rig.SendAsync(WebPushRig.Firing())).Error);
    }

    [Fact]
    public async Task Send_should_succeed_without_a_request_when_no_browser_subscribed()
    {
        var result = await _rig.SendAsync(WebPushRig.Firing());

        Assert.True(result.Ok);
        Assert.Empty(_rig.PushService.Requests);
    }

    [Fact]
    public async Task A_test_should_fail_saying_how_to_subscribe_while_no_browser_has()
    {
        var result = await _rig.Sender.SendAsync(_rig.Channel, new OutgoingMessage("test", [WebPushRig.Firing()]) { IsTest = true }, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("no browser has subscribed to this channel yet", result.Error);
        Assert.Contains("Notify this browser", result.Error);
    }

    [Fact]
    public async Task A_test_should_reach_a_subscribed_browser_under_its_own_topic()
    {
        using var phone = _rig.Subscribe("phone");

        var result = await _rig.Sender.SendAsync(_rig.Channel, new OutgoingMessage("test", [WebPushRig.Firing()]) { IsTest = true }, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("lumen-test", Assert.Single(_rig.PushService.Requests).Header("Topic"));
    }

    [Fact]
    public async Task Send_should_group_several_alerts_into_one_push_per_browser()
    {
        using var phone = _rig.Subscribe("phone");

        await _rig.SendAsync(WebPushRig.Firing(eventId: 41, hostId: 3, host: "web-1"), WebPushRig.Firing(eventId: 42, hostId: 4, host: "web-2", severity: "warning"));

        var push = Assert.Single(_rig.PushService.Requests);
        var payload = Payload(phone, push);
        Assert.Equal("[critical] 2 alerts on 2 hosts", payload.GetProperty("title").GetString());
        Assert.Contains("[warning] web-2: CPU 93 % > 80 % for 1 min", payload.GetProperty("body").GetString());
        Assert.Equal("/", payload.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("event_id").ValueKind);
        Assert.StartsWith("lumen-group-", push.Header("Topic"));
        Assert.InRange(push.Header("Topic").Length, 1, 32);
    }

    [Fact]
    public async Task Send_should_cut_a_long_body_to_keep_the_payload_within_3_KB()
    {
        using var phone = _rig.Subscribe("phone");
        var alerts = Enumerable.Range(1, 20).Select(i => WebPushRig.Firing(eventId: i, host: $"host-{i}-{new string('x', 150)}")).ToArray();

        Assert.True((await _rig.SendAsync(alerts)).Ok);

        var plaintext = phone.Decrypt(Assert.Single(_rig.PushService.Requests).Body);
        Assert.InRange(plaintext.Length, 2048, WebPushPayload.MaxBytes);
        Assert.EndsWith("…", JsonDocument.Parse(plaintext).RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public void CheckConfig_should_take_an_empty_config_and_the_Go_hubs_digest_window()
    {
        Assert.Null(_rig.Sender.CheckConfig(new JsonObject()));
        Assert.Null(_rig.Sender.CheckConfig(new JsonObject { ["digest_window"] = "5m" }));
        Assert.Null(_rig.Sender.CheckConfig(new JsonObject { ["digest_window"] = "" }));
        Assert.StartsWith("config.digest_window:", _rig.Sender.CheckConfig(new JsonObject { ["digest_window"] = "2m" }));
        Assert.Empty(_rig.Sender.SecretFields);
    }
}
