using System.Net;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Ingest;

/// <summary>
/// <c>GET /api/agent/policy</c>: what the agents are asked to do. The interval comes from the
/// settings table when a row exists, otherwise from <c>LUMEN_HUB_AGENT_INTERVAL</c>, otherwise 5 s.
/// </summary>
public sealed class AgentPolicySpecs
{
    [Fact]
    public async Task Policy_should_refuse_with_401_when_no_token_is_sent()
    {
        await using var hub = new HubFactory();

        var response = await hub.AgentClient(null).GetAsync("/api/agent/policy");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Policy_should_hand_out_five_seconds_without_processes_and_every_stored_metric_and_frame_field_when_nothing_is_configured()
    {
        await using var hub = new HubFactory();
        var pi = await hub.AddHostAsync("pi");

        var response = await hub.AgentClient(pi.Token).GetAsync("/api/agent/policy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var metrics = string.Join(",", ScalarMetrics.All.Select(metric => $"\"{metric.Name}\""));
        Assert.Equal($$"""{"collection_interval":"5s","processes_enabled":false,"processes_top_n":10,"processes_sort_by":"cpu","metrics":[{{metrics}}],"frame_fields":["disks","nics","filesystems"]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Policy_should_hand_out_the_stored_interval_when_the_setting_is_written_while_the_hub_runs()
    {
        await using var hub = new HubFactory();
        var pi = hub.AgentClient((await hub.AddHostAsync("pi")).Token);
        Assert.Equal("5s", await IntervalAsync(pi));

        new SettingsStore(new LumenDatabase(hub.Database.FilePath), SettingDefaults.BuiltIn, TimeProvider.System)
            .Write(new Dictionary<string, string> { ["agent_interval"] = "30s" });

        Assert.Equal("30s", await IntervalAsync(pi));
    }

    [Fact]
    public async Task Policy_should_hand_out_the_environment_interval_when_no_setting_is_stored()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_AGENT_INTERVAL", "10s");
        var pi = hub.AgentClient((await hub.AddHostAsync("pi")).Token);

        Assert.Equal("10s", await IntervalAsync(pi));
    }

    [Fact]
    public async Task Policy_should_prefer_the_stored_interval_when_the_environment_also_sets_one()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_AGENT_INTERVAL", "10s");
        var pi = hub.AgentClient((await hub.AddHostAsync("pi")).Token);

        hub.Database.Execute("INSERT INTO settings (key, value, updated_at) VALUES ('agent_interval', '1m', 0);");

        Assert.Equal("1m", await IntervalAsync(pi));
    }

    private static async Task<string> IntervalAsync(HttpClient agent)
    {
        var response = await agent.GetAsync("/api/agent/policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("collection_interval").GetString()!;
    }
}
