using System.Text.Json;
using Lumen.Hub.Notifications.Senders;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Notifications;

/// <summary>
/// Alert events reaching a real webhook receiver through the real hub: the delivery log, the
/// order, the signature, retries with back-off and <c>Retry-After</c>, a failing channel beside
/// a working one, and a failed delivery sent again by hand.
/// </summary>
public sealed class DeliverySpecs
{
    private static string Status(JsonElement row) => row.GetProperty("status").GetString()!;

    [Fact]
    public async Task Fired_and_resolved_alert_should_reach_a_webhook_signed_in_order_once_each()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = await NotifiedHub.StartAsync();
        var channel = await hub.WebhookAsync("Ops", $"{receiver.Address}/hook");
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        await hub.PostUntilEventsAsync("10", "resolved", 1);
        var rows = await hub.DeliveriesWhenAsync(r => r.Length == 2 && r.All(row => Status(row) == "sent"), "both deliveries sent");

        Assert.Equal(["firing", "resolved"], rows.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(rows, row => Assert.Equal((channel, "Ops", "webhook", "critical", 1),
            (row.GetProperty("channel_id").GetInt64(), row.GetProperty("channel_name").GetString(), row.GetProperty("channel_type").GetString(),
             row.GetProperty("severity").GetString(), row.GetProperty("attempts").GetInt32())));
        var requests = receiver.Received;
        Assert.Equal(2, requests.Count);
        Assert.Equal(rows.Select(r => r.GetProperty("id").GetInt64().ToString()), requests.Select(r => r.Header("Lumen-Delivery-Id")));
        Assert.All(requests, r => Assert.Equal(WebhookSender.Signature("s3cret", r.Body), r.Header("Lumen-Signature")));
        var (fired, resolved) = (JsonDocument.Parse(requests[0].Body).RootElement, JsonDocument.Parse(requests[1].Body).RootElement);
        Assert.Equal(("Hot CPU", "web-1", "cpu_pct", "critical", "firing", 93.2, 80.0, "CPU 93.2 % > 80 %"),
            (fired.GetProperty("rule_name").GetString(), fired.GetProperty("host").GetString(), fired.GetProperty("metric").GetString(),
             fired.GetProperty("severity").GetString(), fired.GetProperty("state").GetString(), fired.GetProperty("value").GetDouble(),
             fired.GetProperty("threshold").GetDouble(), fired.GetProperty("message").GetString()));
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.StartsWith("CPU back to 10 % (below 80 %) after ", resolved.GetProperty("message").GetString());
        Assert.Equal(fired.GetProperty("event_id").GetInt64(), resolved.GetProperty("event_id").GetInt64());
    }

    [Fact]
    public async Task Delivery_should_be_retried_until_the_receiver_takes_it_and_the_log_should_show_the_attempts()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(500, "busy"), new HttpReceiver.Answer(500, "still busy"));
        await using var hub = await NotifiedHub.StartAsync();
        await hub.WebhookAsync("Flaky", $"{receiver.Address}/hook");
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        var row = (await hub.DeliveriesWhenAsync(r => r.Length == 1 && Status(r[0]) == "sent", "the delivery sent"))[0];

        Assert.Equal(3, row.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("error").ValueKind);
        var requests = receiver.Received;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Header("Lumen-Delivery-Id")).Distinct());
        // Back-off: 0.2 s, then 0.6 s, each ±20 %.
        Assert.InRange((requests[1].At - requests[0].At).TotalSeconds, 0.15, 2);
        Assert.InRange((requests[2].At - requests[1].At).TotalSeconds, 0.45, 3);
    }

    [Fact]
    public async Task Retry_after_of_a_throttled_answer_should_be_waited_out()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(429, "slow down", RetryAfter: "3"));
        await using var hub = await NotifiedHub.StartAsync();
        await hub.WebhookAsync("Throttled", $"{receiver.Address}/hook");
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        var failed = (await hub.DeliveriesWhenAsync(r => r.Length == 1 && r[0].GetProperty("attempts").GetInt32() == 1, "the first attempt logged"))[0];
        Assert.Equal((429, "webhook: HTTP 429: slow down"), (failed.GetProperty("http_status").GetInt32(), failed.GetProperty("error").GetString()));
        await hub.DeliveriesWhenAsync(r => Status(r[0]) == "sent", "the delivery sent", TimeSpan.FromSeconds(10));

        var requests = receiver.Received;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2.9), $"the retry came {(requests[1].At - requests[0].At).TotalSeconds:0.00} s after the 429");
    }

    [Fact]
    public async Task Failing_channel_should_not_hold_up_another_and_its_rows_should_say_why()
    {
        await using var broken = await HttpReceiver.StartAsync();
        broken.AnswerWith(Enumerable.Repeat(new HttpReceiver.Answer(503, "maintenance"), 50).ToArray());
        await using var working = await HttpReceiver.StartAsync();
        await using var hub = await NotifiedHub.StartAsync(new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)));
        await hub.WebhookAsync("Broken", $"{broken.Address}/hook");
        await hub.WebhookAsync("Working", $"{working.Address}/hook");
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        var rows = await hub.DeliveriesWhenAsync(r => r.Length == 2 && r.All(row => row.GetProperty("attempts").GetInt32() == 1), "one attempt each");

        var byName = rows.ToDictionary(r => r.GetProperty("channel_name").GetString()!);
        Assert.Equal("sent", Status(byName["Working"]));
        Assert.Equal(("pending", "webhook: HTTP 503: maintenance"), (Status(byName["Broken"]), byName["Broken"].GetProperty("error").GetString()));
        Assert.NotEqual(JsonValueKind.Null, byName["Broken"].GetProperty("next_retry_at").ValueKind);
        Assert.Single(working.Received);
    }

    [Fact]
    public async Task Failed_delivery_should_go_again_when_retried_by_hand()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(404, "unknown hook"));
        await using var hub = await NotifiedHub.StartAsync();
        await hub.WebhookAsync("Moved", $"{receiver.Address}/hook");
        await hub.CpuRuleAsync();
        await hub.PostUntilEventsAsync("93.2", "firing", 1);

        // A 404 will not get better by itself: failed after one attempt.
        var failed = (await hub.DeliveriesWhenAsync(r => r.Length == 1 && Status(r[0]) == "failed", "the delivery failed"))[0];
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        var id = failed.GetProperty("id").GetInt64();

        var retried = await hub.Browser.PostAsync($"/api/alerts/deliveries/{id}/retry", null);
        Assert.Equal("""{"status":"pending"}""", await retried.Content.ReadAsStringAsync());
        var sent = (await hub.DeliveriesWhenAsync(r => Status(r[0]) == "sent", "the delivery sent"))[0];

        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await hub.Browser.PostAsync($"/api/alerts/deliveries/{id}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Deleted_channel_should_have_what_waits_dropped_and_its_log_kept()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(503, "maintenance"));
        await using var hub = await NotifiedHub.StartAsync(new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)));
        var channel = await hub.WebhookAsync("Going away", $"{receiver.Address}/hook");
        await hub.CpuRuleAsync();
        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        await hub.DeliveriesWhenAsync(r => r.Length == 1 && r[0].GetProperty("attempts").GetInt32() == 1, "the first attempt logged");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await hub.Browser.DeleteAsync($"/api/alerts/channels/{channel}")).StatusCode);

        var row = (await hub.DeliveriesWhenAsync(r => Status(r[0]) == "dropped", "the waiting row dropped"))[0];
        Assert.Equal(("channel removed", "Going away"), (row.GetProperty("error").GetString(), row.GetProperty("channel_name").GetString()));
    }

    [Fact]
    public async Task Alert_of_a_silenced_host_should_be_recorded_and_sent_nowhere()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = await NotifiedHub.StartAsync();
        await hub.WebhookAsync("Ops", $"{receiver.Address}/hook");
        var silenced = await hub.Browser.PostAsync($"/api/hosts/{hub.HostId}/silence",
            new StringContent("""{"seconds":3600}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, silenced.StatusCode);
        // After the silence: the policy that brings the rule to the host knows of it.
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        await hub.PostUntilEventsAsync("10", "resolved", 1);

        var events = JsonDocument.Parse(await hub.Browser.GetStringAsync("/api/alerts/events")).RootElement;
        Assert.True(events[0].GetProperty("suppressed").GetBoolean());
        Assert.Empty(await hub.DeliveriesAsync());
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Channel_whose_type_changed_should_send_as_its_new_type()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = await NotifiedHub.StartAsync();
        var channel = await hub.WebhookAsync("Phone", $"{receiver.Address}/hook");
        var changed = await hub.Browser.PutAsync($"/api/alerts/channels/{channel}", new StringContent(
            $$$"""{"name":"Phone","type":"ntfy","config":{"url":"{{{receiver.Address}}}/lumen-alerts"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        await hub.CpuRuleAsync();

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        var row = (await hub.DeliveriesWhenAsync(r => r.Length == 1 && Status(r[0]) == "sent", "the delivery sent"))[0];

        Assert.Equal("ntfy", row.GetProperty("channel_type").GetString());
        var request = Assert.Single(receiver.Received);
        Assert.Equal("/lumen-alerts", request.Path);
        Assert.StartsWith("[critical] web-1: CPU 93.2 % > 80 %", request.Header("Title"));
    }

    [Fact]
    public async Task Event_should_go_only_to_the_rules_enabled_channels_whose_minimum_severity_it_reaches()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = await NotifiedHub.StartAsync();
        var linked = await hub.WebhookAsync("Linked", $"{receiver.Address}/linked");
        var critical = await hub.WebhookAsync("Critical only", $"{receiver.Address}/critical", ""","min_severity":"critical" """);
        var disabled = await hub.WebhookAsync("Disabled", $"{receiver.Address}/disabled", ""","enabled":false""");
        await hub.WebhookAsync("Not linked", $"{receiver.Address}/other");
        await hub.CpuRuleAsync($""","channel_ids":[{linked},{critical},{disabled}]""", severity: "warning");

        await hub.PostUntilEventsAsync("93.2", "firing", 1);
        var rows = await hub.DeliveriesWhenAsync(r => r.Length >= 1 && r.All(row => Status(row) == "sent"), "the delivery sent");

        Assert.Equal(["Linked"], rows.Select(r => r.GetProperty("channel_name").GetString()));
        Assert.Equal(["/linked"], receiver.Received.Select(r => r.Path));
    }
}
