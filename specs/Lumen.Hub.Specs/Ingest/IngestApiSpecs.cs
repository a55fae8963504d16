using System.Net;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Ingest;

/// <summary>
/// <c>POST /api/ingest</c> on the happy path: acknowledgement, per-host sequence numbers, the
/// durability watermark catching up after a flush, idempotent replays, and host identity
/// taken from the token only.
/// </summary>
public sealed class IngestApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Ingest_should_acknowledge_with_durability_headers_when_the_token_is_valid()
    {
        var pi = await _hub.AddHostAsync("pi");

        var response = await _hub.AgentClient(pi.Token).PostAsync("/api/ingest", Frames.Content());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues(DurabilityHeaders.Instance))));
        Assert.Equal(1, response.LongHeader(DurabilityHeaders.Sequence));
        Assert.InRange(response.LongHeader(DurabilityHeaders.DurableSequence), 0, 1);
    }

    [Fact]
    public async Task Ingest_should_number_frames_per_host_when_several_hosts_send()
    {
        var pi = _hub.AgentClient((await _hub.AddHostAsync("pi")).Token);
        var nas = _hub.AgentClient((await _hub.AddHostAsync("nas")).Token);

        var piSeqs = new List<long>();
        for (var second = 0; second < 3; second++)
            piSeqs.Add((await pi.PostAsync("/api/ingest", Frames.Content(second))).LongHeader(DurabilityHeaders.Sequence));
        var nasFirst = await nas.PostAsync("/api/ingest", Frames.Content(0));

        Assert.Equal([1, 2, 3], piSeqs);
        Assert.Equal(1, nasFirst.LongHeader(DurabilityHeaders.Sequence));
    }

    [Fact]
    public async Task Ingest_should_report_frames_durable_when_a_flush_has_written_them()
    {
        var pi = await _hub.AddHostAsync("pi");
        var client = _hub.AgentClient(pi.Token);
        var ledger = _hub.Services.GetRequiredService<DurabilityLedger>();

        long lastSeq = 0;
        for (var second = 0; second < 3; second++)
            lastSeq = (await client.PostAsync("/api/ingest", Frames.Content(second))).LongHeader(DurabilityHeaders.Sequence);
        await Eventually.TrueAsync(() => ledger.DurableFor(pi.Host.Id) == lastSeq, "the watermark to reach the last acknowledged frame");

        Assert.Equal(3, RowsOf(pi.Host.Id));
        // The agent learns it from the next acknowledgement.
        var next = await client.PostAsync("/api/ingest", Frames.Content(3));
        Assert.True(next.LongHeader(DurabilityHeaders.DurableSequence) >= lastSeq);
    }

    [Fact]
    public async Task Ingest_should_store_a_frame_once_when_the_agent_sends_it_twice()
    {
        var pi = await _hub.AddHostAsync("pi");
        var client = _hub.AgentClient(pi.Token);
        var ledger = _hub.Services.GetRequiredService<DurabilityLedger>();

        var first = await client.PostAsync("/api/ingest", Frames.Content(7));
        var replay = await client.PostAsync("/api/ingest", Frames.Content(7));
        await Eventually.TrueAsync(() => ledger.DurableFor(pi.Host.Id) == 2, "both copies to be flushed");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(2, replay.LongHeader(DurabilityHeaders.Sequence));
        Assert.Equal(1, RowsOf(pi.Host.Id));
    }

    [Fact]
    public async Task Ingest_should_file_the_frame_under_the_tokens_host_when_the_body_names_another()
    {
        var pi = await _hub.AddHostAsync("pi");
        var nas = await _hub.AddHostAsync("nas");
        var ledger = _hub.Services.GetRequiredService<DurabilityLedger>();

        var response = await _hub.AgentClient(pi.Token).PostAsync("/api/ingest", Frames.Content(Frames.Json(host: "nas")));
        await Eventually.TrueAsync(() => ledger.DurableFor(pi.Host.Id) == 1, "the frame to be flushed");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, RowsOf(pi.Host.Id));
        Assert.Equal(0, RowsOf(nas.Host.Id));
    }

    [Fact]
    public async Task Ingest_should_write_every_queued_frame_when_the_hub_stops_before_a_flush_is_due()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "10m");
        var pi = await hub.AddHostAsync("pi");
        var client = hub.AgentClient(pi.Token);
        for (var second = 0; second < 3; second++)
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/ingest", Frames.Content(second))).StatusCode);
        Assert.Equal(0, hub.Database.Scalar("SELECT count(*) FROM snapshots;"));

        await hub.StopAsync();

        Assert.Equal(3, hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {pi.Host.Id.Value};"));
    }

    private long RowsOf(HostId host) => _hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {host.Value};");
}
