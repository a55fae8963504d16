using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>
/// <c>GET /api/hosts/{id}/containers/metrics</c>, <c>/gpus/metrics</c>, <c>/disks/metrics</c>, <c>/nics/metrics</c> and <c>/filesystems/metrics</c> on the real hub: the
/// JSON they answer, the host route's window rules with a step of whole buckets, and the
/// requests they refuse.
/// </summary>
public sealed class ItemHistoryApiSpecs
{
    /// <summary>Two hours ago on a whole hour: inside the retention and archive windows.</summary>
    private static readonly DateTimeOffset Hour = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 - 7200);

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<(HubFactory Hub, HttpClient Browser, HostId Nas)> HubWithNasAsync(HubFactory? hub = null)
    {
        hub ??= new HubFactory();
        var nas = (await hub.AddHostAsync("nas")).Host.Id;
        return (hub, await hub.SignedInClientAsync(), nas);
    }

    private static void Write(HubFactory hub, params SnapshotRow[] rows)
    {
        using var writer = new SnapshotWriter(hub.Database.Database);
        writer.Write(rows);
    }

    [Fact]
    public async Task Containers_should_answer_the_host_window_step_and_each_containers_points_in_snake_case()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub, WithContainers(nas, Hour, Container("web", 10), Container("db", 1)), WithContainers(nas, Hour.AddSeconds(5), Container("web", 20)));

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/containers/metrics?from={Time(Hour)}&to={Time(Hour.AddMinutes(10))}&step=5m");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // A point of one sample has no lowest and highest, as on the host's points.
        var expected = (
            $"{{'host':'nas','from':'{Time(Hour)}','to':'{Time(Hour.AddMinutes(10))}','step_seconds':300,'containers':[" +
            $"{{'name':'db','points':[{{'ts':'{Time(Hour)}','cpu_pct':1,'mem_used_bytes':1048576,'mem_pct':0.5,'samples':1}}]}}," +
            $"{{'name':'web','points':[{{'ts':'{Time(Hour)}','cpu_pct':15,'cpu_pct_min':10,'cpu_pct_max':20," +
            "'mem_used_bytes':15728640,'mem_used_bytes_min':10485760,'mem_used_bytes_max':20971520,'mem_pct':7.5,'mem_pct_min':5,'mem_pct_max':10,'samples':2}]}]}")
            .Replace('\'', '"');
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gpus_should_answer_each_gpus_index_name_and_points_in_snake_case()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub, WithGpus(nas, Hour, Gpu(0, 10)), WithGpus(nas, Hour.AddSeconds(5), Gpu(0, 30)));

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/gpus/metrics?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}&step=5m");

        var expected = (
            $"{{'host':'nas','from':'{Time(Hour)}','to':'{Time(Hour.AddMinutes(5))}','step_seconds':300,'gpus':[" +
            $"{{'index':0,'name':'RTX 3060','points':[{{'ts':'{Time(Hour)}','util_pct':20,'util_pct_min':10,'util_pct_max':30," +
            "'mem_used_mb':200,'mem_used_mb_min':100,'mem_used_mb_max':300,'mem_total_mb':12288,'mem_total_mb_min':12288,'mem_total_mb_max':12288," +
            "'temp_c':42,'temp_c_min':41,'temp_c_max':43,'samples':2}]}]}").Replace('\'', '"');
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disks_nics_and_filesystems_should_answer_each_devices_points_in_snake_case()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub,
            WithDevices(nas, Hour, [Device("sda", 1000)], [Device("eno1", 500)], [Filesystem("/", 40, "/dev/nvme0n1p2")]),
            WithDevices(nas, Hour.AddSeconds(5), [Device("sda", 3000)], [Device("eno1", 500)], [Filesystem("/", 40, "/dev/nvme0n1p2")]));
        var window = $"?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}&step=5m";
        var head = $"{{'host':'nas','from':'{Time(Hour)}','to':'{Time(Hour.AddMinutes(5))}','step_seconds':300";

        Assert.Equal((head + $",'disks':[{{'name':'sda','points':[{{'ts':'{Time(Hour)}','read_bps':2000,'read_bps_min':1000,'read_bps_max':3000," +
                      "'write_bps':200,'write_bps_min':100,'write_bps_max':300,'samples':2}]}]}").Replace('\'', '"'),
            await browser.GetStringAsync($"/api/hosts/{nas.Value}/disks/metrics{window}"));
        Assert.Equal((head + $",'nics':[{{'name':'eno1','points':[{{'ts':'{Time(Hour)}','rx_bps':500,'rx_bps_min':500,'rx_bps_max':500," +
                      "'tx_bps':50,'tx_bps_min':50,'tx_bps_max':50,'samples':2}]}]}").Replace('\'', '"'),
            await browser.GetStringAsync($"/api/hosts/{nas.Value}/nics/metrics{window}"));
        Assert.Equal((head + $",'filesystems':[{{'mount':'/','device':'/dev/nvme0n1p2','points':[{{'ts':'{Time(Hour)}'," +
                      "'used_bytes':42949672960,'used_bytes_min':42949672960,'used_bytes_max':42949672960," +
                      "'total_bytes':107374182400,'total_bytes_min':107374182400,'total_bytes_max':107374182400," +
                      "'used_pct':40,'used_pct_min':40,'used_pct_max':40,'samples':2}]}]}").Replace('\'', '"'),
            await browser.GetStringAsync($"/api/hosts/{nas.Value}/filesystems/metrics{window}"));
    }

    [Fact]
    public async Task Devices_should_answer_what_an_agent_sent_once_its_batch_is_flushed()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
        var issued = await hub.AddHostAsync("nas");
        var browser = await hub.SignedInClientAsync();
        var agent = hub.AgentClient(issued.Token);
        var now = DateTimeOffset.UtcNow;
        var frame = Frames.At(now.AddSeconds(-20));
        frame.Disks = [new DiskSample { Name = "sda", ReadBps = 10, WriteBps = 20 }];
        frame.Nics = [new NicSample { Name = "eno1", RxBps = 30, TxBps = 40 }];
        frame.Filesystems = [new FilesystemSample { Mount = "/srv", Device = "/dev/sda1", FsType = "xfs", UsedBytes = 60, TotalBytes = 100, UsedPct = 63.16 }];
        (await agent.PostAsync("/api/ingest", JsonContent.Create(frame, LumenJson.IngestFrame))).EnsureSuccessStatusCode();

        var window = $"?from={now.AddMinutes(-10).ToUnixTimeSeconds()}&to={now.AddMinutes(1).ToUnixTimeSeconds()}";
        foreach (var (items, key, name) in new[] { ("disks", "name", "sda"), ("nics", "name", "eno1"), ("filesystems", "mount", "/srv") })
            await Eventually.TrueAsync(async () =>
            {
                using var json = JsonDocument.Parse(await browser.GetStringAsync($"/api/hosts/{issued.Host.Id.Value}/{items}/metrics{window}"));
                return json.RootElement.GetProperty(items).EnumerateArray().Any(d => d.GetProperty(key).GetString() == name);
            }, $"the frame's {items} in their history");
    }

    [Fact]
    public async Task Containers_should_answer_what_an_agent_sent_once_its_batch_is_flushed()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
        var issued = await hub.AddHostAsync("nas");
        var browser = await hub.SignedInClientAsync();
        var agent = hub.AgentClient(issued.Token);
        var now = DateTimeOffset.UtcNow;
        foreach (var (second, cpu) in new[] { (-20, 4.0), (-15, 8.0) })
        {
            var frame = Frames.At(now.AddSeconds(second));
            frame.Containers = [new ContainerSample { Id = "a1b2c3d4e5f6", Name = "jellyfin", Image = "jellyfin/jellyfin", State = "running", CpuPct = cpu, MemUsedBytes = 1 << 20 }];
            (await agent.PostAsync("/api/ingest", JsonContent.Create(frame, LumenJson.IngestFrame))).EnsureSuccessStatusCode();
        }

        var url = $"/api/hosts/{issued.Host.Id.Value}/containers/metrics?from={now.AddMinutes(-10).ToUnixTimeSeconds()}&to={now.AddMinutes(1).ToUnixTimeSeconds()}";
        await Eventually.TrueAsync(async () =>
        {
            using var json = JsonDocument.Parse(await browser.GetStringAsync(url));
            return json.RootElement.GetProperty("containers").EnumerateArray()
                .Where(c => c.GetProperty("name").GetString() == "jellyfin")
                .SelectMany(c => c.GetProperty("points").EnumerateArray())
                .Sum(p => p.GetProperty("samples").GetInt64()) == 2;
        }, "both frames' container in its history");
    }

    [Fact]
    public async Task Containers_should_raise_the_step_to_whole_buckets_and_align_from_to_it()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        using var json = await JsonAsync(browser, $"/api/hosts/{nas.Value}/containers/metrics?from={Time(Hour.AddMinutes(7))}&to={Time(Hour.AddMinutes(30))}&step=30s");

        Assert.Equal(300, json.RootElement.GetProperty("step_seconds").GetInt64());
        Assert.Equal(Time(Hour.AddMinutes(5)), json.RootElement.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("containers")]
    [InlineData("gpus")]
    [InlineData("disks")]
    [InlineData("nics")]
    [InlineData("filesystems")]
    public async Task Routes_should_cover_the_last_hour_in_whole_buckets_and_raise_a_step_past_2000_points(string items)
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        using var lastHour = await JsonAsync(browser, $"/api/hosts/{nas.Value}/{items}/metrics");
        using var twentyDays = await JsonAsync(browser, $"/api/hosts/{nas.Value}/{items}/metrics?from={Time(Hour.AddDays(-20))}&to={Time(Hour)}&step=5m");

        Assert.Equal(300, lastHour.RootElement.GetProperty("step_seconds").GetInt64());
        Assert.Empty(lastHour.RootElement.GetProperty(items).EnumerateArray());
        // 20 days at 5 m is 5,760 points; 15 m is the smallest step of the list that gives at most 2,000.
        Assert.Equal(900, twentyDays.RootElement.GetProperty("step_seconds").GetInt64());
    }

    [Theory]
    [InlineData("containers", "from=yesterday", "from 'yesterday'")]
    [InlineData("containers", "step=2s", "step must be at least 5s")]
    [InlineData("containers", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "must be before to")]
    [InlineData("gpus", "step=fast", "step 'fast'")]
    [InlineData("gpus", "from=2024-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "more than history is kept (downsample_archive_window, 8760h)")]
    [InlineData("disks", "step=fast", "step 'fast'")]
    [InlineData("nics", "from=yesterday", "from 'yesterday'")]
    [InlineData("filesystems", "step=2s", "step must be at least 5s")]
    public async Task Routes_should_refuse_with_400_naming_the_parameter(string items, string query, string expected)
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/{items}/metrics?{query}");

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("containers", "999")]
    [InlineData("gpus", "nas")]
    [InlineData("disks", "999")]
    [InlineData("nics", "999")]
    [InlineData("filesystems", "999")]
    public async Task Routes_should_answer_404_for_an_unknown_host(string items, string id)
    {
        var (hub, browser, _) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await browser.GetAsync($"/api/hosts/{id}/{items}/metrics");

        Assert.Contains($"no host with id '{id}'", await response.AssertApiErrorAsync(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("containers")]
    [InlineData("gpus")]
    [InlineData("disks")]
    [InlineData("nics")]
    [InlineData("filesystems")]
    public async Task Routes_should_answer_401_without_a_session(string items)
    {
        var (hub, _, nas) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await hub.CreateClient().GetAsync($"/api/hosts/{nas.Value}/{items}/metrics");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonDocument> JsonAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
