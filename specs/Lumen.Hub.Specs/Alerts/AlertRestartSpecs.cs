using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>
/// The alert journal against the real hub binary: a hub killed with SIGKILL or stopped while an
/// alert fires starts again knowing it fires, so it records no second event, and resolves it
/// with the first frame that no longer breaches.
/// </summary>
public sealed class AlertRestartSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    private Dictionary<string, string> Environment => new()
    {
        ["LUMEN_HUB_DB_PATH"] = _db.FilePath,
        ["LUMEN_HUB_ADMIN_USERNAME"] = HubFactory.AdminUsername,
        ["LUMEN_HUB_ADMIN_PASSWORD"] = HubFactory.AdminPassword,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hub_should_not_fire_a_firing_alert_again_after_a_restart_and_should_resolve_it_with_the_next_frame(bool sigkill)
    {
        var token = new HostStore(_db.Database, TimeProvider.System).Add("web-1").Token;
        var second = 0;

        using (var hub = await HubProcess.StartAsync(Environment))
        {
            var browser = await SignInAsync(hub);
            var rule = await browser.PostAsync("/api/alerts/rules", new StringContent(
                """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            await PostUntilAsync(hub, token, browser, "95", () => second++, "firing", 1);
            if (sigkill) hub.Kill();
            else Assert.Equal(0, await hub.StopAsync(TimeSpan.FromSeconds(30)));
        }

        using (var hub = await HubProcess.StartAsync(Environment))
        {
            var browser = await SignInAsync(hub);
            // Breaching frames after the start: the alert fires already, so nothing new. A second
            // event would be recorded before the resolution below, which comes from the same host.
            for (var i = 0; i < 5; i++) await PostAsync(hub, token, "95", second++);

            await PostUntilAsync(hub, token, browser, "10", () => second++, "resolved", 1);
            Assert.Equal(1, _db.Scalar("SELECT count(*) FROM alert_events"));
            Assert.Equal(0, await hub.StopAsync(TimeSpan.FromSeconds(30)));
        }
    }

    private static async Task<HttpClient> SignInAsync(HubProcess hub)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = hub.BaseAddress };
        (await browser.PostAsJsonAsync("/api/login", new { username = HubFactory.AdminUsername, password = HubFactory.AdminPassword })).EnsureSuccessStatusCode();
        return browser;
    }

    private static async Task PostAsync(HubProcess hub, string token, string cpu, int second)
    {
        using var agent = new HttpClient { BaseAddress = hub.BaseAddress };
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(second, cpuPct: cpu)))).StatusCode);
    }

    private static async Task PostUntilAsync(HubProcess hub, string token, HttpClient browser, string cpu, Func<int> nextSecond, string state, int count) =>
        await Eventually.TrueAsync(async () =>
        {
            await PostAsync(hub, token, cpu, nextSecond());
            var events = JsonDocument.Parse(await browser.GetStringAsync($"/api/alerts/events?state={state}")).RootElement;
            return events.GetArrayLength() == count;
        }, $"{count} {state} event(s)", TimeSpan.FromSeconds(20));

    public void Dispose() => _db.Dispose();
}
