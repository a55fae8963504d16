using System.Net;
using System.Net.WebSockets;
using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts;
using Lumen.Hub.LiveFeed;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.LiveFeed;

/// <summary>
/// <c>GET /api/stream</c> through the whole hub: who may connect (a session and the hub's own origin), what a frame holds after a
/// real ingest, how a subscribe control frame narrows it, and that nothing a browser sends
/// breaks the stream. The stream interval is 1 s to keep the specs short.
/// </summary>
public sealed class LiveStreamApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_STREAM_INTERVAL", "1s");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private const string RichFrame = """
        {"host":"pi","ts":"TS","cpu_pct":37.5,"cpu_per_core":[30,45],"ram_pct":40.2,"swap_pct":0,"disk_pct":71.9,
         "load1":0.05,"load5":0.1,"load15":0.08,"net_rx_bps":900,"net_tx_bps":1200,"disk_r_bps":0,"disk_w_bps":4096,"temp_c":52.1,
         "containers":[{"id":"3f2a9c1b7d4e","name":"jellyfin","image":"jellyfin/jellyfin:10.9","state":"running",
                        "cpu_pct":3.5,"mem_used_bytes":1048576,"mem_limit_bytes":4194304,"mem_pct":25}],
         "system":{"os":"Debian GNU/Linux 12","hostname":"pi","primary_ip":"192.0.2.7","kernel":"6.1.0-26-arm64",
                   "arch":"arm64","cpu_model":"Cortex-A76","uptime_seconds":3600,"agent_version":"0.9.3","virt_type":""},
         "disks":[{"name":"mmcblk0","read_bps":512,"write_bps":4096}],"nics":[{"name":"eth0","rx_bps":900,"tx_bps":1200}],
         "filesystems":[{"mount":"/","device":"/dev/mmcblk0p2","fs_type":"ext4","used_bytes":21474836480,"total_bytes":31138512896,"used_pct":71.9}]}
        """;

    private async Task<long> IngestAsync(string name, int second = 0)
    {
        var host = await _hub.AddHostAsync(name);
        _tokens[name] = host.Token;
        var ts = Frames.Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var response = await _hub.AgentClient(host.Token).PostAsync("/api/ingest", Frames.Content(RichFrame.Replace("TS", ts)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return host.Host.Id.Value;
    }

    /// <summary>Each ingested host's agent token, by name.</summary>
    private readonly Dictionary<string, string> _tokens = [];

    private async Task<LiveFeedStatus> FeedStatusAsync()
    {
        var feed = await _hub.Services.GetRequiredService<ActorRegistry>().GetAsync<LiveFeedActor>();
        return await feed.Ask<LiveFeedStatus>(LiveFeedQueries.GetStatus.Instance, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stream_should_refuse_a_handshake_without_a_session_with_401()
    {
        Assert.Equal(401, await StreamClient.RefusedStatusAsync(_hub, signedIn: false));
    }

    [Fact]
    public async Task Stream_should_answer_401_json_to_a_plain_get_without_a_session()
    {
        var response = await _hub.CreateClient().GetAsync("/api/stream");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Stream_should_answer_400_json_to_a_plain_get()
    {
        var client = await _hub.SignedInClientAsync();

        var response = await client.GetAsync("/api/stream");

        var error = await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("WebSocket", error);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://localhost")]
    [InlineData("http://localhost:8090")]
    [InlineData("null")]
    public async Task Stream_should_refuse_a_handshake_from_another_origin_with_403(string origin)
    {
        Assert.Equal(403, await StreamClient.RefusedStatusAsync(_hub, origin));
    }

    [Fact]
    public async Task Stream_should_refuse_a_handshake_without_an_origin_with_403()
    {
        Assert.Equal(403, await StreamClient.RefusedStatusAsync(_hub, origin: null));
    }

    [Fact]
    public async Task Stream_should_deliver_each_interval_a_frame_with_the_data_of_a_real_ingest()
    {
        var id = await IngestAsync("pi");
        await using var stream = await StreamClient.ConnectAsync(_hub);

        var frame = await stream.FrameWhereAsync(f => f.Length > 0);
        var pi = Assert.Single(frame);
        Assert.Equal(("pi", id), (pi.Host, pi.HostId));
        Assert.Equal(Frames.Start, pi.Ts);
        Assert.InRange(pi.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Equal((37.5, 40.2, 4096.0), (pi[ScalarMetrics.CpuPct], pi[ScalarMetrics.RamPct], pi[ScalarMetrics.DiskWBps]));
        Assert.Equal([30.0, 45.0], pi.CpuPerCore);
        Assert.Equal(37.5f, Assert.Single(pi.CpuSeries!).CpuPct);
        Assert.Equal("jellyfin", Assert.Single(pi.Containers).Name);
        Assert.Equal(("Cortex-A76", "arm64"), (pi.System!.CpuModel, pi.System.Arch));
        Assert.Equal(("mmcblk0", 4096.0), (Assert.Single(pi.Disks).Name, pi.Disks[0].WriteBps));
        Assert.Equal(("eth0", 900.0), (Assert.Single(pi.Nics).Name, pi.Nics[0].RxBps));
        Assert.Equal(("/", "/dev/mmcblk0p2", 71.9), (Assert.Single(pi.Filesystems).Mount, pi.Filesystems[0].Device, pi.Filesystems[0].UsedPct));

        Assert.Single(await stream.NextFrameAsync()); // and again the next interval
    }

    [Fact]
    public async Task Stream_should_send_the_cpu_series_whole_first_and_then_only_the_points_it_gains()
    {
        await IngestAsync("pi");
        await using var stream = await StreamClient.ConnectAsync(_hub);
        var first = Assert.Single(await stream.FrameWhereAsync(f => f.Length > 0));
        var point = Assert.Single(first.CpuSeries!);

        await _hub.AgentClient(_tokens["pi"]).PostAsync("/api/ingest", Frames.Content(Frames.Json(5, cpuPct: "61.5")));
        var delta = Assert.Single(await stream.FrameWhereAsync(f => f is [{ CpuAppend: [_] }]));

        Assert.Null(first.CpuAppend);
        Assert.Null(delta.CpuSeries);
        Assert.Equal(point.Ts, delta.CpuAfterTs);
        Assert.Equal((Frames.Start.AddSeconds(5).ToUnixTimeSeconds(), 61.5f), (delta.CpuAppend![0].Ts, delta.CpuAppend[0].CpuPct));
        Assert.Equal(61.5, delta[ScalarMetrics.CpuPct]);
    }

    [Fact]
    public async Task Stream_should_send_the_full_frame_again_when_the_browser_subscribes_again()
    {
        await IngestAsync("pi");
        await using var stream = await StreamClient.ConnectAsync(_hub);
        await stream.FrameWhereAsync(f => f is [{ CpuSeries: not null }]);
        await stream.FrameWhereAsync(f => f is [{ CpuSeries: null }]);

        // What a dashboard that found a gap in a series does: the same subscription again.
        await stream.SendTextAsync("""{"type":"subscribe","hosts":["*"]}""");

        var full = Assert.Single(await stream.FrameWhereAsync(f => f is [{ CpuSeries: not null }]));
        Assert.Single(full.CpuSeries!);
        Assert.Null((await stream.NextFrameAsync())[0].CpuSeries); // and deltas again after it
    }

    [Fact]
    public async Task Stream_should_narrow_to_the_hosts_a_subscribe_frame_names_by_name_or_id()
    {
        await IngestAsync("pi");
        var nasId = await IngestAsync("nas");
        await using var stream = await StreamClient.ConnectAsync(_hub);
        await stream.FrameWhereAsync(f => f.Length == 2);

        await stream.SendTextAsync("""{"type":"subscribe","hosts":["pi"]}""");
        await stream.FrameWhereAsync(f => f.Length == 1 && f[0].Host == "pi");
        Assert.Equal(["pi"], (await stream.NextFrameAsync()).Select(s => s.Host));

        await stream.SendTextAsync($$"""{"type":"subscribe","hosts":[{{nasId}}]}""");
        await stream.FrameWhereAsync(f => f.Length == 1 && f[0].Host == "nas");

        await stream.SendTextAsync("""{"type":"subscribe","hosts":["*"]}""");
        await stream.FrameWhereAsync(f => f.Length == 2);
    }

    [Fact]
    public async Task Stream_should_ignore_garbage_control_frames_and_keep_streaming()
    {
        await IngestAsync("pi");
        await IngestAsync("nas");
        await using var stream = await StreamClient.ConnectAsync(_hub);
        await stream.FrameWhereAsync(f => f.Length == 2);

        await stream.SendTextAsync("not json");
        await stream.SendTextAsync("""{"type":"unsubscribe-everything"}""");
        await stream.SendTextAsync("""{"type":"subscribe","hosts":"pi"}""");
        await stream.SendTextAsync($$"""{"type":"subscribe","hosts":["{{new string('x', 100_000)}}"]}""");
        await stream.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.Equal(2, (await stream.NextFrameAsync()).Length);
        Assert.Equal(2, (await stream.NextFrameAsync()).Length);
        Assert.Equal(WebSocketState.Open, stream.Socket.State);

        // The reader is still in step after all that: a valid frame still narrows.
        await stream.SendTextAsync("""{"type":"subscribe","hosts":["nas"]}""");
        await stream.FrameWhereAsync(f => f.Length == 1 && f[0].Host == "nas");
    }

    [Fact]
    public async Task Stream_should_unsubscribe_a_connection_when_the_browser_closes_it()
    {
        var stream = await StreamClient.ConnectAsync(_hub);
        await Eventually.TrueAsync(async () => (await FeedStatusAsync()).Subscribers == 1, "the connection to subscribe");

        await stream.DisposeAsync();

        await Eventually.TrueAsync(async () => (await FeedStatusAsync()).Subscribers == 0, "the closed connection to be unsubscribed");
    }

    [Fact]
    public async Task Stream_should_close_with_going_away_when_the_hub_stops()
    {
        await using var stream = await StreamClient.ConnectAsync(_hub);
        await stream.NextFrameAsync();

        var stopping = _hub.StopAsync();
        var (type, _, status) = await stream.ReceiveUntilCloseAsync();
        await stopping;

        Assert.Equal((WebSocketMessageType.Close, WebSocketCloseStatus.EndpointUnavailable), (type, status));
    }
}
