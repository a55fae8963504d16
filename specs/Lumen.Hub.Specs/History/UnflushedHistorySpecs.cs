using System.Globalization;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

/// <summary>
/// No gap at the right edge: on the real hub, frames it acknowledged but has not flushed to
/// SQLite yet are part of <c>GET /api/hosts/{id}/metrics</c>, once each, in their buckets, with
/// their lowest, highest and samples.
/// </summary>
public sealed class UnflushedHistorySpecs
{
    /// <summary>Longer than any spec runs: what is posted stays unflushed until a batch fills up.</summary>
    private const string NoTimedFlush = "10m";

    /// <summary>The second after <see cref="Frames.Start"/> where a whole minute begins: frames at +0 … +55 from it share a minute.</summary>
    private static readonly int M = (int)((60 - Frames.Start.ToUnixTimeSeconds() % 60) % 60);

    private static DateTimeOffset At(int second) => Frames.Start.AddSeconds(second);

    /// <summary>One point as the API answers it: cpu_pct's average, lowest and highest, and the samples.</summary>
    private sealed record Point(DateTimeOffset Ts, double CpuPct, double CpuPctMin, double CpuPctMax, long Samples);

    private sealed record Rig(HubFactory Hub, HttpClient Browser, HttpClient Agent, HostId Nas) : IAsyncDisposable
    {
        public long StoredRows => Hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {Nas.Value};");
        public DurabilityLedger Ledger => Hub.Services.GetRequiredService<DurabilityLedger>();

        /// <summary>The numbers of the frames the host's actor answers history with now.</summary>
        public async Task<long[]> UnflushedAsync()
        {
            var hosts = await Hub.Services.GetRequiredService<ActorRegistry>().GetAsync<HostsActor>();
            var view = await hosts.Ask<HostUnflushedView>(new HostQueries.GetUnflushed(Nas, long.MinValue, long.MaxValue), TimeSpan.FromSeconds(5));
            return [.. view.Frames.Select(frame => frame.Seq)];
        }

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }

    private static HubFactory Hub(string flushSize) =>
        new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", NoTimedFlush).With("LUMEN_HUB_BATCH_FLUSH_SIZE", flushSize);

    private static async Task<Rig> StartAsync(HubFactory hub)
    {
        var nas = await hub.AddHostAsync("nas");
        return new Rig(hub, await hub.SignedInClientAsync(), hub.AgentClient(nas.Token), nas.Host.Id);
    }

    private static async Task<HttpResponseMessage> SendAsync(Rig rig, int second, double cpuPct) =>
        await rig.Agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(second, cpuPct: cpuPct.ToString(CultureInfo.InvariantCulture))));

    private static async Task PostAsync(Rig rig, int second, double cpuPct) =>
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(rig, second, cpuPct)).StatusCode);

    /// <summary>The points answered for the query (empty: the chart's default, the last hour).</summary>
    private static async Task<Point[]> PointsAsync(Rig rig, string query = "")
    {
        var response = await rig.Browser.GetAsync($"/api/hosts/{rig.Nas.Value}/metrics?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("points").EnumerateArray().Select(point =>
        {
            var cpu = point.GetProperty("cpu_pct").GetDouble();
            // A point of one sample carries no range: its lowest and highest are its value.
            var (min, max) = point.TryGetProperty("cpu_pct_min", out var low) ? (low.GetDouble(), point.GetProperty("cpu_pct_max").GetDouble()) : (cpu, cpu);
            return new Point(DateTimeOffset.Parse(point.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture), cpu, min, max, point.GetProperty("samples").GetInt64());
        })];
    }

    private static Task<Point[]> PointsAsync(Rig rig, int fromSecond, int toSecond, string step) =>
        PointsAsync(rig, $"from={At(fromSecond).ToUnixTimeSeconds()}&to={At(toSecond).ToUnixTimeSeconds()}&step={step}");

    /// <summary>The answer expected for frames (second, cpu_pct) counted once each, per bucket of <paramref name="stepSeconds"/>.</summary>
    private static Point[] Expected(int stepSeconds, params (int Second, double CpuPct)[] frames) =>
        [.. frames.GroupBy(f => At(f.Second).ToUnixTimeSeconds() / stepSeconds * stepSeconds).OrderBy(g => g.Key)
            .Select(g => new Point(DateTimeOffset.FromUnixTimeSeconds(g.Key), Math.Round(g.Average(f => f.CpuPct), 3, MidpointRounding.AwayFromZero),
                g.Min(f => f.CpuPct), g.Max(f => f.CpuPct), g.Count()))];

    [Fact]
    public async Task Metrics_should_include_a_frame_the_hub_acknowledged_and_has_not_flushed()
    {
        await using var rig = await StartAsync(Hub(flushSize: "5000"));
        var tenSecondsAgo = (int)(DateTimeOffset.UtcNow - Frames.Start).TotalSeconds - 10;

        await PostAsync(rig, tenSecondsAgo, 33);

        // The chart opened now: no parameters, the last hour in 30 s buckets.
        var points = await PointsAsync(rig);
        Assert.Equal(0, rig.StoredRows);
        Assert.Equal(Expected(30, (tenSecondsAgo, 33)), points);
    }

    [Fact]
    public async Task Metrics_should_count_a_frame_once_before_and_after_its_batch_is_flushed_and_once_when_it_is_sent_again()
    {
        await using var rig = await StartAsync(Hub(flushSize: "3"));
        await PostAsync(rig, M, 10);
        await PostAsync(rig, M + 5, 40);
        Assert.Equal(Expected(60, (M, 10), (M + 5, 40)), await PointsAsync(rig, M, M + 60, "1m"));
        Assert.Equal(0, rig.StoredRows);
        Assert.Equal(new long[] { 1, 2 }, await rig.UnflushedAsync());

        // The third row fills the batch, which is committed.
        await PostAsync(rig, M + 10, 70);
        await Eventually.TrueAsync(() => rig.StoredRows == 3 && rig.Ledger.DurableFor(rig.Nas) == 3, "the batch of three to be committed");
        (int, double)[] frames = [(M, 10), (M + 5, 40), (M + 10, 70)];
        Assert.Equal(Expected(60, frames), await PointsAsync(rig, M, M + 60, "1m"));
        Assert.Equal(Expected(5, frames), await PointsAsync(rig, M, M + 60, "5s"));
        Assert.Empty(await rig.UnflushedAsync());

        // An agent that missed the watermark sends the first frame again, changed meanwhile: the
        // stored row stays (rows are unique on host and ts), and the copy in memory is not added.
        await PostAsync(rig, M, 99);
        Assert.Equal(new long[] { 4 }, await rig.UnflushedAsync());
        Assert.Equal(Expected(60, frames), await PointsAsync(rig, M, M + 60, "1m"));
        Assert.Equal(Expected(5, frames), await PointsAsync(rig, M, M + 60, "5s"));
    }

    [Fact]
    public async Task Metrics_should_count_every_acknowledged_frame_exactly_once_while_batches_commit_between_and_during_requests()
    {
        // Batches of two commit on the batcher's own schedule, racing the requests.
        await using var rig = await StartAsync(Hub(flushSize: "2"));
        var frames = Enumerable.Range(0, 60).Select(i => (Second: M + 5 * i, CpuPct: (i * 37 % 100) + 0.25)).ToArray();

        for (var i = 0; i < frames.Length; i++)
        {
            // One request races the post of frame i and, every other frame, the commit of its batch.
            var during = PointsAsync(rig, M, M + 300, "5s");
            await PostAsync(rig, frames[i].Second, frames[i].CpuPct);
            var racing = await during;
            // One frame per 5 s bucket: every frame acknowledged before, perhaps frame i, none twice.
            Assert.InRange(racing.Length, i, i + 1);
            Assert.Equal(Expected(5, frames[..racing.Length]), racing);

            Assert.Equal(Expected(5, frames[..(i + 1)]), await PointsAsync(rig, M, M + 300, "5s"));
        }

        Assert.Equal(Expected(60, frames), await PointsAsync(rig, M, M + 300, "1m"));
    }

    [Fact]
    public async Task Metrics_should_put_unflushed_frames_in_their_bucket_beside_rows_in_every_tier_for_every_step_before_and_after_the_flush()
    {
        // About two hours ago on a whole minute: old enough for its minute, bucket and hour to be summed whatever the clock says.
        var t = M - 3600;
        // Stored before the hub starts, so its own rollup sums them into every tier on start.
        await using var hub = Hub(flushSize: "3");
        var nas = hub.Hosts.Add("nas");
        Write(hub.Database.Database, Row(nas.Host.Id, At(t), 10), Row(nas.Host.Id, At(t + 5), 20));
        var rig = new Rig(hub, await hub.SignedInClientAsync(), hub.AgentClient(nas.Token), nas.Host.Id);
        await Eventually.TrueAsync(() => hub.Services.GetRequiredService<HostTokens>().TryResolve(nas.Token, out _), "the hub to know the host's token");
        var summedPast = At(t + 120).ToUnixTimeMilliseconds();
        await Eventually.TrueAsync(() => new[] { "snapshot_minutes_until", "snapshot_buckets_until", "snapshot_hours_until" }.All(marks =>
            hub.Database.Scalar($"SELECT coalesce(max(until_ms), 0) FROM {marks} WHERE host_id = {nas.Host.Id.Value};") > summedPast),
            "the stored rows to be summed into minutes, buckets and hours");

        // One frame late for the minute, bucket and hour already summed, one in the next minute: not flushed.
        await PostAsync(rig, t + 10, 60);
        await PostAsync(rig, t + 65, 90);
        await AssertEveryStepAsync(rig, t, (t, 10), (t + 5, 20), (t + 10, 60), (t + 65, 90));

        // The third frame fills the batch: the late ones now reach every tier through the writer.
        await PostAsync(rig, t + 70, 30);
        await Eventually.TrueAsync(() => rig.StoredRows == 5 && rig.Ledger.DurableFor(rig.Nas) == 3, "the batch of three to be committed");
        await AssertEveryStepAsync(rig, t, (t, 10), (t + 5, 20), (t + 10, 60), (t + 65, 90), (t + 70, 30));
    }

    /// <summary>Raw rows (5 s, 30 s), minutes (1 m, 2 m), buckets (5 m, 10 m) and hours (1 h, 2 h), over the hour around <paramref name="t"/>.</summary>
    private static async Task AssertEveryStepAsync(Rig rig, int t, params (int Second, double CpuPct)[] frames)
    {
        foreach (var (step, seconds) in new[] { ("5s", 5), ("30s", 30), ("1m", 60), ("2m", 120), ("5m", 300), ("10m", 600), ("1h", 3600), ("2h", 7200) })
        {
            var points = await PointsAsync(rig, t - 1800, t + 1800, step);
            // Each point paired with its step, so a failure says which step it is.
            Assert.Equal(Expected(seconds, frames).Select(point => (step, point)), points.Select(point => (step, point)));
        }
    }

    [Fact]
    public async Task Export_should_include_frames_not_flushed_yet_as_the_json_route_does()
    {
        await using var rig = await StartAsync(Hub(flushSize: "5000"));
        await PostAsync(rig, M, 10);
        await PostAsync(rig, M + 5, 40);

        var csv = await rig.Browser.GetStringAsync($"/api/hosts/{rig.Nas.Value}/metrics.csv?from={At(M).ToUnixTimeSeconds()}&to={At(M + 60).ToUnixTimeSeconds()}&step=5s");

        Assert.Equal(0, rig.StoredRows);
        // ts, samples, cpu_pct, cpu_pct_min, cpu_pct_max, … after the header.
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..].Select(line => line.Split(',')).ToArray();
        Assert.Equal(Expected(5, (M, 10), (M + 5, 40)).Select(point => (point.Ts, point.Samples, point.CpuPct)),
            rows.Select(row => (DateTimeOffset.Parse(row[0], CultureInfo.InvariantCulture), long.Parse(row[1], CultureInfo.InvariantCulture), double.Parse(row[2], CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Metrics_should_count_a_frame_sent_twice_before_the_flush_once()
    {
        await using var rig = await StartAsync(Hub(flushSize: "5000"));

        await PostAsync(rig, M, 10);
        await PostAsync(rig, M, 10);
        await PostAsync(rig, M + 5, 40);

        // One per ts, the first accepted.
        Assert.Equal(new long[] { 1, 3 }, await rig.UnflushedAsync());
        Assert.Equal(Expected(60, (M, 10), (M + 5, 40)), await PointsAsync(rig, M, M + 60, "1m"));
        Assert.Equal(Expected(5, (M, 10), (M + 5, 40)), await PointsAsync(rig, M, M + 60, "5s"));
    }

    [Fact]
    public async Task Metrics_should_show_the_newest_unflushed_frames_up_to_the_bound_per_host_and_the_rest_once_flushed()
    {
        const int bound = 4;
        var hub = Hub(flushSize: "10").WithServices(services =>
            services.AddSingleton(provider => new UnflushedTracking(provider.GetRequiredService<DurabilityLedger>(), bound)));
        await using var rig = await StartAsync(hub);
        var frames = Enumerable.Range(0, 10).Select(i => (Second: M + 5 * i, CpuPct: i * 10.0)).ToArray();

        foreach (var frame in frames[..9])
        {
            await PostAsync(rig, frame.Second, frame.CpuPct);
            Assert.InRange((await rig.UnflushedAsync()).Length, 1, bound);
        }

        // The five older frames are still queued and reach SQLite with their batch; until then only the newest four show.
        Assert.Equal(0, rig.StoredRows);
        Assert.Equal(Expected(5, frames[5..9]), await PointsAsync(rig, M, M + 60, "5s"));

        await PostAsync(rig, frames[9].Second, frames[9].CpuPct);
        await Eventually.TrueAsync(() => rig.StoredRows == 10, "the batch of ten to be committed");
        Assert.Equal(Expected(5, frames), await PointsAsync(rig, M, M + 60, "5s"));
    }

    [Fact]
    public async Task Metrics_should_show_acknowledged_frames_while_the_disk_is_stuck_and_never_a_frame_after_its_503()
    {
        await using var rig = await StartAsync(new HubFactory()
            .With("LUMEN_HUB_BATCH_QUEUE_SIZE", "1")
            .With("LUMEN_HUB_BATCH_FLUSH_SIZE", "1")
            .With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms"));
        var acknowledged = new List<(int Second, double CpuPct)>();
        int? refused = null;

        using (HoldWriteLock(rig.Hub.Database.FilePath))
        {
            for (var i = 0; i < 20 && refused is null; i++)
            {
                var response = await SendAsync(rig, M + 5 * i, i + 1);
                if (response.StatusCode == HttpStatusCode.NoContent) acknowledged.Add((M + 5 * i, i + 1));
                else refused = M + 5 * i;
            }
            Assert.NotNull(refused);
            Assert.NotEmpty(acknowledged);
            Assert.Equal(0, rig.StoredRows);

            // Nothing is on disk, yet every acknowledged frame shows, and the refused one does not.
            Assert.Equal(Expected(5, acknowledged.ToArray()), await PointsAsync(rig, M, M + 300, "5s"));
        }

        await Eventually.TrueAsync(() => rig.StoredRows == acknowledged.Count, "every acknowledged frame to be written once the disk is back");
        Assert.Equal(Expected(5, acknowledged.ToArray()), await PointsAsync(rig, M, M + 300, "5s"));
        Assert.Empty(await rig.UnflushedAsync());
    }

    /// <summary>Another connection's write transaction on the hub's file, until disposed: the batcher cannot commit.</summary>
    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        begin.ExecuteNonQuery();
        return connection;
    }
}
