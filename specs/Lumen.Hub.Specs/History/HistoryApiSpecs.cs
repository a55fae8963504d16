using System.Globalization;
using System.Net;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

/// <summary><c>GET /api/hosts/{id}/metrics</c> on the real hub: the JSON it answers and the requests it refuses.</summary>
public sealed class HistoryApiSpecs
{
    /// <summary>Two hours ago on a whole hour: inside the default 24 h retention, so the hub's first sweep keeps the rows.</summary>
    private static readonly DateTimeOffset Hour = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 - 7200);

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<(HubFactory Hub, HttpClient Browser, HostId Nas)> HubWithNasAsync()
    {
        var hub = new HubFactory();
        var nas = (await hub.AddHostAsync("nas")).Host.Id;
        return (hub, await hub.SignedInClientAsync(), nas);
    }

    [Fact]
    public async Task Metrics_should_answer_the_host_name_window_step_and_averages_in_snake_case()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub.Database.Database, Row(nas, Hour, 1), Row(nas, Hour.AddSeconds(5), 2));

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/metrics?from={Time(Hour)}&to={Time(Hour.AddMinutes(1))}&step=1m");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // Each metric's average, then its lowest and highest sample (the point stands for two), then the count.
        var expected = (
            $"{{'host':'nas','from':'{Time(Hour)}','to':'{Time(Hour.AddMinutes(1))}','step_seconds':60,'points':[" +
            $"{{'ts':'{Time(Hour)}','cpu_pct':1.5,'cpu_pct_min':1,'cpu_pct_max':2,'ram_pct':3,'ram_pct_min':2,'ram_pct_max':4," +
            "'swap_pct':4.5,'swap_pct_min':3,'swap_pct_max':6,'disk_pct':6,'disk_pct_min':4,'disk_pct_max':8," +
            "'load1':7.5,'load1_min':5,'load1_max':10,'load5':9,'load5_min':6,'load5_max':12,'load15':10.5,'load15_min':7,'load15_max':14," +
            "'net_rx_bps':12,'net_rx_bps_min':8,'net_rx_bps_max':16,'net_tx_bps':13.5,'net_tx_bps_min':9,'net_tx_bps_max':18," +
            "'disk_r_bps':15,'disk_r_bps_min':10,'disk_r_bps_max':20,'disk_w_bps':16.5,'disk_w_bps_min':11,'disk_w_bps_max':22," +
            "'temp_c':18,'temp_c_min':12,'temp_c_max':24,'cpu_steal_pct':19.5,'cpu_steal_pct_min':13,'cpu_steal_pct_max':26,'samples':2}]}").Replace('\'', '"');
        Assert.Equal(expected,
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_should_leave_out_buckets_without_rows_so_the_chart_shows_a_gap()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub.Database.Database, Row(nas, Hour, 1), Row(nas, Hour.AddMinutes(2), 3));

        using var json = await MetricsAsync(browser, $"/api/hosts/{nas.Value}/metrics?from={Time(Hour)}&to={Time(Hour.AddMinutes(3))}&step=60");

        var points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([Time(Hour), Time(Hour.AddMinutes(2))], points.Select(p => p.GetProperty("ts").GetString()));
        Assert.Equal([1.0, 3.0], points.Select(p => p.GetProperty("cpu_pct").GetDouble()));
    }

    [Fact]
    public async Task Metrics_should_cover_the_last_hour_in_30_s_buckets_when_no_parameter_is_given()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        var recent = DateTimeOffset.UtcNow.AddMinutes(-10);
        Write(hub.Database.Database, Row(nas, recent, 4));

        using var json = await MetricsAsync(browser, $"/api/hosts/{nas.Value}/metrics");

        Assert.Equal(30, json.RootElement.GetProperty("step_seconds").GetInt64());
        var to = DateTimeOffset.Parse(json.RootElement.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(to, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(4.0, Assert.Single(json.RootElement.GetProperty("points").EnumerateArray()).GetProperty("cpu_pct").GetDouble());
    }

    [Fact]
    public async Task Metrics_should_raise_a_step_that_would_give_more_than_2000_points()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        using var json = await MetricsAsync(browser, $"/api/hosts/{nas.Value}/metrics?from={Time(Hour.AddHours(-20))}&to={Time(Hour)}&step=5s");

        Assert.Equal(60, json.RootElement.GetProperty("step_seconds").GetInt64());
    }

    [Fact]
    public async Task Metrics_should_allow_a_longer_window_once_the_archive_window_is_raised()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        new SettingsStore(new LumenDatabase(hub.Database.FilePath), SettingDefaults.BuiltIn, TimeProvider.System)
            .Write(new Dictionary<string, string> { ["downsample_archive_window"] = "2d" });
        var url = $"/api/hosts/{nas.Value}/metrics?from={Time(Hour.AddDays(-3))}&to={Time(Hour)}";
        Assert.Contains("downsample_archive_window, 48h", await (await browser.GetAsync(url)).AssertApiErrorAsync(HttpStatusCode.BadRequest));

        new SettingsStore(new LumenDatabase(hub.Database.FilePath), SettingDefaults.BuiltIn, TimeProvider.System)
            .Write(new Dictionary<string, string> { ["downsample_archive_window"] = "7d" });

        using var json = await MetricsAsync(browser, url);
        Assert.Equal(1800, json.RootElement.GetProperty("step_seconds").GetInt64());
    }

    [Theory]
    [InlineData("from=yesterday", "from 'yesterday'")]
    [InlineData("to=2026-13-01T00:00:00Z", "to '2026-13-01T00:00:00Z'")]
    [InlineData("step=fast", "step 'fast'")]
    [InlineData("step=2s", "step must be at least 5s")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "must be before to")]
    [InlineData("from=2024-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "more than history is kept (downsample_archive_window, 8760h)")]
    public async Task Metrics_should_refuse_with_400_naming_the_parameter(string query, string expected)
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/metrics?{query}");

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("nas")]
    public async Task Metrics_should_answer_404_for_an_unknown_host(string id)
    {
        var (hub, browser, _) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await browser.GetAsync($"/api/hosts/{id}/metrics");

        Assert.Contains($"no host with id '{id}'", await response.AssertApiErrorAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Metrics_should_answer_401_without_a_session()
    {
        var (hub, _, nas) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await hub.CreateClient().GetAsync($"/api/hosts/{nas.Value}/metrics");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonDocument> MetricsAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
