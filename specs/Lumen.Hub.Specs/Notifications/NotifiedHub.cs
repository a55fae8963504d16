using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Notifications.Deliveries;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications;

/// <summary>
/// An in-process hub with a signed-in browser and one host whose frames the spec posts, as an
/// agent would: enough to make a rule fire and resolve and watch what the channels receive.
/// Retries are fast here (0.2 s, then three times longer, at most 2 s) unless a spec says otherwise.
/// </summary>
public sealed class NotifiedHub : IAsyncDisposable
{
    public static readonly RetrySchedule FastRetries = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    private int _second;

    private NotifiedHub(HubFactory hub, HttpClient browser, HttpClient agent, long hostId) =>
        (Hub, Browser, Agent, HostId) = (hub, browser, agent, hostId);

    public HubFactory Hub { get; }
    public HttpClient Browser { get; }
    public HttpClient Agent { get; }
    public long HostId { get; }

    public static async Task<NotifiedHub> StartAsync(RetrySchedule? retries = null, int stormLimit = 5)
    {
        var hub = new HubFactory().WithServices(services =>
            services.AddSingleton(new NotificationOptions(stormLimit, retries ?? FastRetries)));
        var browser = await hub.SignedInClientAsync();
        var web = await hub.AddHostAsync("web-1");
        return new NotifiedHub(hub, browser, hub.AgentClient(web.Token), web.Host.Id.Value);
    }

    public async Task<long> CreateAsync(string path, string json)
    {
        var response = await Browser.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public Task<long> WebhookAsync(string name, string url, string extra = "") =>
        CreateAsync("/api/alerts/channels", $$"""{"name":"{{name}}","type":"webhook","config":{"url":"{{url}}","secret":"s3cret"}{{extra}}}""");

    public Task<long> CpuRuleAsync(string extra = "", string severity = "critical") =>
        CreateAsync("/api/alerts/rules", $$"""{"name":"Hot CPU","metric":"cpu_pct","threshold":80,"severity":"{{severity}}"{{extra}}}""");

    /// <summary>Posts a frame with this CPU each poll, as an agent does every interval, until the condition holds.</summary>
    public async Task PostUntilAsync(string cpu, Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await Eventually.TrueAsync(async () =>
        {
            var posted = await Agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(_second++, cpuPct: cpu)));
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
            return await condition();
        }, what, timeout ?? TimeSpan.FromSeconds(15), pollEvery: TimeSpan.FromMilliseconds(100));

    /// <summary>Posts frames until the events API lists <paramref name="count"/> events in this state.</summary>
    public Task PostUntilEventsAsync(string cpu, string state, int count) =>
        PostUntilAsync(cpu, async () =>
            JsonDocument.Parse(await Browser.GetStringAsync($"/api/alerts/events?state={state}")).RootElement.GetArrayLength() == count,
            $"{count} {state} event(s)");

    public async Task<JsonElement[]> DeliveriesAsync(string query = "") =>
        JsonDocument.Parse(await Browser.GetStringAsync($"/api/alerts/deliveries{query}")).RootElement.EnumerateArray().ToArray();

    /// <summary>Polls the delivery log until the condition holds on it; returns it oldest first.</summary>
    public async Task<JsonElement[]> DeliveriesWhenAsync(Func<JsonElement[], bool> condition, string what, TimeSpan? timeout = null)
    {
        JsonElement[] rows = [];
        await Eventually.TrueAsync(async () => condition(rows = (await DeliveriesAsync()).Reverse().ToArray()), what,
            timeout ?? TimeSpan.FromSeconds(15), () => string.Join("\n", rows.Select(r => r.ToString())), TimeSpan.FromMilliseconds(100));
        return rows;
    }

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}
