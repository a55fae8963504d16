using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>
/// Rules judged in the real hub as frames arrive: a breach fires with the next frame, shows in
/// <c>/api/alerts/events</c> and on the live stream, and resolves with the first frame without it.
/// </summary>
public sealed class AlertFiringSpecs
{
    private static async Task<JsonElement> EventsAsync(HttpClient browser, string state) =>
        JsonDocument.Parse(await browser.GetStringAsync($"/api/alerts/events?state={state}")).RootElement;

    /// <summary>Posts a frame each poll, as an agent does every interval, until the events say so.</summary>
    private static async Task<JsonElement> PostUntilAsync(HttpClient agent, HttpClient browser, string cpu, string state, int count, int firstSecond)
    {
        var second = firstSecond;
        JsonElement events = default;
        await Eventually.TrueAsync(async () =>
        {
            var posted = await agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(second++, cpuPct: cpu)));
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
            events = await EventsAsync(browser, state);
            return events.GetArrayLength() == count;
        }, $"{count} {state} event(s)");
        return events;
    }

    private static async Task<long> CreateRuleAsync(HttpClient browser, string json)
    {
        var response = await browser.PostAsync("/api/alerts/rules", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Rule_that_is_true_should_fire_with_the_next_frame_and_resolve_when_it_is_not()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var web = await hub.AddHostAsync("web-1");
        var agent = hub.AgentClient(web.Token);
        var rule = await CreateRuleAsync(browser, """{"name":"Hot CPU","metric":"cpu_pct","threshold":80,"host":"web-*","severity":"critical"}""");

        var firing = (await PostUntilAsync(agent, browser, "93.2", "firing", 1, firstSecond: 0))[0];
        Assert.Equal((rule, "Hot CPU", "web-1", "cpu_pct", "critical", "firing", 93.2, 80.0, "CPU 93.2 % > 80 %"),
            (firing.GetProperty("rule_id").GetInt64(), firing.GetProperty("rule_name").GetString(), firing.GetProperty("host").GetString(),
             firing.GetProperty("metric").GetString(), firing.GetProperty("severity").GetString(), firing.GetProperty("state").GetString(),
             firing.GetProperty("value").GetDouble(), firing.GetProperty("threshold").GetDouble(), firing.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, firing.GetProperty("resolved_at").ValueKind);

        var resolved = (await PostUntilAsync(agent, browser, "10", "resolved", 1, firstSecond: 100))[0];
        Assert.Equal(firing.GetProperty("id").GetInt64(), resolved.GetProperty("id").GetInt64());
        Assert.StartsWith("CPU back to 10 % (below 80 %) after ", resolved.GetProperty("resolved_message").GetString());
        Assert.Equal("CPU 93.2 % > 80 %", resolved.GetProperty("message").GetString());
        Assert.Equal(0, (await EventsAsync(browser, "firing")).GetArrayLength());
    }

    [Fact]
    public async Task Firing_and_resolving_should_reach_an_open_live_stream_at_once()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var web = await hub.AddHostAsync("web-1");
        var agent = hub.AgentClient(web.Token);
        await CreateRuleAsync(browser, """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""");
        await using var stream = await StreamClient.ConnectAsync(hub);

        await PostUntilAsync(agent, browser, "95", "firing", 1, firstSecond: 0);

        var alert = await AlertFrameAsync(stream);
        Assert.Equal(("alert", "firing", "web-1"), (alert.GetProperty("type").GetString(), alert.GetProperty("state").GetString(),
            alert.GetProperty("event").GetProperty("host").GetString()));
    }

    [Fact]
    public async Task Deleting_a_rule_should_resolve_its_firing_alerts()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var web = await hub.AddHostAsync("web-1");
        var rule = await CreateRuleAsync(browser, """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""");
        await PostUntilAsync(hub.AgentClient(web.Token), browser, "95", "firing", 1, firstSecond: 0);

        await browser.DeleteAsync($"/api/alerts/rules/{rule}");

        await Eventually.TrueAsync(async () => (await EventsAsync(browser, "resolved")).GetArrayLength() == 1, "the rule's alert resolved");
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("maintenance")]
    public async Task Alert_of_a_silenced_host_or_one_in_maintenance_should_record_marked_suppressed(string how)
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var web = await hub.AddHostAsync("web-1");
        var now = DateTimeOffset.UtcNow;
        var muted = how == "silence"
            ? await browser.PostAsJsonAsync($"/api/hosts/{web.Host.Id.Value}/silence", new { seconds = 3600 })
            : await browser.PostAsJsonAsync("/api/maintenance", new { start_at = now.AddMinutes(-1), end_at = now.AddHours(1), reason = "upgrade", host = "web-*" });
        Assert.True(muted.IsSuccessStatusCode, await muted.Content.ReadAsStringAsync());
        await CreateRuleAsync(browser, """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""");

        var firing = (await PostUntilAsync(hub.AgentClient(web.Token), browser, "95", "firing", 1, firstSecond: 0))[0];

        Assert.True(firing.GetProperty("suppressed").GetBoolean());
    }

    /// <summary>The first frame of the stream that is an object (an alert), skipping snapshot arrays.</summary>
    private static async Task<JsonElement> AlertFrameAsync(StreamClient stream)
    {
        for (var i = 0; i < 20; i++)
        {
            var (type, data, _) = await stream.ReceiveAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(WebSocketMessageType.Text, type);
            var frame = JsonDocument.Parse(data).RootElement;
            if (frame.ValueKind == JsonValueKind.Object) return frame;
        }
        throw new TimeoutException("no alert frame among the first 20 frames of the stream");
    }
}
