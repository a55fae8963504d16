using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Bench.Load;
using Lumen.Protocol.Ingest;

namespace Lumen.Bench.Alerts;

/// <summary>What the hub showed after a measurement: the enabled rules it lists and the alerts one breaching frame fired.</summary>
public sealed record AlertProbeResult(int EnabledRules, int CanaryFired, int CanaryExpected)
{
    /// <summary>The rules were there and the host actor judged every one the canary could breach.</summary>
    public bool Confirmed(int rules) => EnabledRules == rules && CanaryFired == CanaryExpected;
}

/// <summary>
/// Checks from outside that a hub judges the rules it was given rather than measuring a no-op:
/// it lists them (<c>GET /api/alerts/rules</c>), and one frame that breaches every scalar rule,
/// sent for a host that is not part of the load, fires exactly that many alerts
/// (<c>GET /api/alerts/events</c>). Runs after the measurement, so it costs the figures nothing.
/// </summary>
public sealed class AlertProbe(Uri hub, string username, string password)
{
    private static readonly TimeSpan EventsWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan NoEventsWait = TimeSpan.FromSeconds(2);

    public async Task<AlertProbeResult> RunAsync(SimulatedAgent canaryHost, IngestFrame canary, int expected)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("Cookie", await SignInAsync(http));

        using var rules = JsonDocument.Parse(await http.GetStringAsync("/api/alerts/rules"));
        var enabled = rules.RootElement.EnumerateArray().Count(rule => rule.GetProperty("enabled").GetBoolean());

        using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/ingest")
        {
            Content = new StringContent(FramesFile.Json(canary), Encoding.UTF8, "application/json"),
        };
        ingest.Headers.Authorization = new("Bearer", canaryHost.Token);
        using var answer = await http.SendAsync(ingest);
        if (answer.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"the canary frame was answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");

        // The journal records asynchronously: wait for the expected count, or a moment for none.
        var events = $"/api/alerts/events?state=firing&limit=2000&host_id={canaryHost.Id.Value}";
        var waited = Stopwatch.StartNew();
        var fired = 0;
        while (waited.Elapsed < (expected > 0 ? EventsWait : NoEventsWait))
        {
            using var list = JsonDocument.Parse(await http.GetStringAsync(events));
            fired = list.RootElement.GetArrayLength();
            if (expected > 0 && fired >= expected) break;
            await Task.Delay(200);
        }
        return new AlertProbeResult(enabled, fired, expected);
    }

    private async Task<string> SignInAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lumen_session=", StringComparison.Ordinal)).Split(';')[0];
    }
}
