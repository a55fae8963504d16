using System.Text.Json;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// What a post carries, against a real HTTP hub on loopback: a metric the Go hub's frame does
/// not have goes only to a hub whose policy lists it, since a Go hub refuses unknown fields.
/// </summary>
public sealed class HubClientSpecs : IAsyncLifetime
{
    private ScriptedHub _hub = null!;
    private HubClient _client = null!;

    public async Task InitializeAsync()
    {
        _hub = await ScriptedHub.StartAsync();
        _client = new HubClient(new HttpClient { BaseAddress = _hub.Url }, "lum_spec");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static IngestFrame Frame() => new() { Ts = DateTimeOffset.UtcNow, [ScalarMetrics.CpuPct] = 40, [ScalarMetrics.CpuStealPct] = 3.5 };

    private HashSet<string> LastPostedFields() =>
        JsonDocument.Parse(_hub.Bodies.Last()).RootElement.EnumerateObject().Select(field => field.Name).ToHashSet();

    [Fact]
    public async Task Post_should_leave_out_extended_metrics_until_the_hub_has_listed_them()
    {
        await _client.PostAsync(Frame());

        Assert.Contains("cpu_pct", LastPostedFields());
        Assert.DoesNotContain("cpu_steal_pct", LastPostedFields());
    }

    [Fact]
    public async Task Post_should_carry_an_extended_metric_once_the_policy_lists_it()
    {
        _hub.PolicyMetrics = """["cpu_pct","cpu_steal_pct"]""";
        await _client.GetPolicyAsync();

        await _client.PostAsync(Frame());

        Assert.Contains("cpu_steal_pct", LastPostedFields());
        Assert.Equal(3.5, _hub.Accepted.Last()[ScalarMetrics.CpuStealPct]);
    }

    [Fact]
    public async Task Post_should_keep_to_the_go_frame_for_a_hub_whose_policy_has_no_metric_list()
    {
        _hub.PolicyMetrics = null;
        await _client.GetPolicyAsync();

        await _client.PostAsync(Frame());

        Assert.DoesNotContain("cpu_steal_pct", LastPostedFields());
        Assert.Equal(ScalarMetrics.All.Where(m => !m.Extended).Select(m => m.Name).Order(), LastPostedFields().Intersect(ScalarMetrics.All.Select(m => m.Name)).Order());
    }
}
