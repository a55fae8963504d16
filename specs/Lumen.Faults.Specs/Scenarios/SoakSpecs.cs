using System.Globalization;
using System.Text.RegularExpressions;
using Lumen.Faults.Specs.Fleet;
using Lumen.Faults.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 7. A thousand simulated hosts report every 5 s (2 minutes short, an hour long)
/// while rows older than the retention window keep turning up: the hub's memory and open file
/// descriptors stay flat, every frame is stored, and retention sweeps on the schedule set
/// through <c>PUT /api/settings</c>.
/// </summary>
public sealed partial class SoakSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SeedEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetentionWindow = TimeSpan.FromHours(2);
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromMinutes(1);

    /// <summary>A sweep is due an interval after the last; the heartbeat that notices it comes within 30 s; a sweep of a few rows takes no time.</summary>
    private static readonly TimeSpan SweepLatest = RetentionInterval + TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(15);

    private const int SeedRows = 100;

    /// <summary>The stretch of time one planted batch covers: <see cref="SeedRows"/> rows 5 s apart.</summary>
    private static readonly TimeSpan SeedSpan = TimeSpan.FromSeconds(SeedRows * 5);

    private readonly FaultRig _rig = new(output, "soak");
    private readonly ScenarioReport _report = new(output, "7. Soak");

    [Fact]
    public async Task Hub_should_keep_memory_and_descriptors_flat_store_every_frame_and_sweep_on_schedule_under_a_thousand_hosts()
    {
        var mode = FaultsMode.Current;
        var hosts = _rig.AddHosts("soak", mode.SoakHosts);
        var probe = _rig.AddHosts("retention-probe", 1)[0];
        // Short: a 10 s flush so the end does not wait a minute for the last batch; long: the defaults.
        var hub = await _rig.StartHubAsync(new HubSettings(FlushEvery: mode.IsLong ? "60s" : "10s", AgentInterval: "5s"));
        using (var api = await _rig.SignInAsync())
        {
            var (status, body) = await api.SendAsync(HttpMethod.Put, "/api/settings", $$"""{"retention_window":"2h","retention_interval":"1m"}""");
            Assert.True(status == System.Net.HttpStatusCode.OK, body);
        }

        await using var sampler = new ProcessSampler(() => hub.Pid, SampleEvery);
        await using var fleet = SimulatedFleet.Start(_rig.BaseAddress, hosts, Interval);
        var started = DateTimeOffset.UtcNow;
        var seeds = new List<(DateTimeOffset At, long OldestMs)>();
        var planting = started - RetentionWindow - TimeSpan.FromHours(1);
        while (DateTimeOffset.UtcNow - started < mode.SoakDuration)
        {
            // Each batch its own stretch of the past, further back each time, so each can be counted alone.
            var oldest = planting - SeedSpan * (seeds.Count + 1);
            OldRows.Insert(_rig.DatabasePath, probe.Id, oldest, SeedRows);
            seeds.Add((DateTimeOffset.UtcNow, oldest.ToUnixTimeMilliseconds()));
            await Task.Delay(SeedEvery);
            Assert.False(hub.HasExited, $"the hub died:\n{hub.Tail()}");
        }

        var cutoff = fleet.Ledger.Now;
        var collected = fleet.Ledger.CollectedBefore(cutoff);
        var (drain, lost) = await Delivery.WaitStoredAsync(_rig, collected, TimeSpan.FromSeconds(mode.IsLong ? 120 : 60), TimeSpan.FromSeconds(2));
        var end = DateTimeOffset.UtcNow;
        var samples = sampler.Samples;
        var posts = fleet.Ledger.Posts.Where(p => p.At < cutoff).ToList();
        var sweeps = SweepLines(hub.Output);
        var olderThanWindow = end - RetentionWindow;
        var unswept = seeds.Where(s => end - s.At > SweepLatest)
            .Sum(s => OldRows.Count(_rig.DatabasePath, probe.Id, s.OldestMs, s.OldestMs + (long)SeedSpan.TotalMilliseconds));

        _report.Line($"{hosts.Count} simulated hosts at {Interval.TotalSeconds:F0} s for {mode.SoakDuration.TotalMinutes:F0} min, flush every {(mode.IsLong ? "60 s" : "10 s")}; retention window 2h, interval 1m (PUT /api/settings)");
        _report.Line($"frames: {collected.Count} collected, {posts.Count} posts ({posts.Count(p => p.Status == 204)} × 204, {posts.Count(p => p.Status == 503)} × 503, {posts.Count(p => p.Status == 0)} without an answer), {collected.Count - lost.Count} stored ({drain.TotalSeconds:F0} s after the end), lost {lost.Count}");
        _report.Line($"hub RSS and open fds every {SampleEvery.TotalSeconds:F0} s (every {Math.Max(1, samples.Count / 12)}th shown): {string.Join("; ", samples.Where((_, i) => i % Math.Max(1, samples.Count / 12) == 0))}");
        _report.Line($"retention: {seeds.Count} batches of {SeedRows} rows older than the window planted every {SeedEvery.TotalSeconds:F0} s; sweeps that removed rows at {string.Join(", ", sweeps.Select(s => $"+{(s.At - started).TotalSeconds:F0}s ({s.Rows})"))}; planted rows still there {SweepLatest.TotalSeconds:F0} s after planting: {unswept}");

        Assert.True(lost.Count == 0, $"frames never stored: {Delivery.Describe(lost)}");
        AssertFlat(samples, hosts.Count);
        Assert.Equal(0, unswept);
        var gaps = sweeps.Zip(sweeps.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= RetentionInterval - TimeSpan.FromSeconds(5) && gap <= SweepLatest,
            $"sweeps {gap.TotalSeconds:F0} s apart; the interval is {RetentionInterval.TotalSeconds:F0} s"));
        Assert.True(sweeps.Count >= (int)(mode.SoakDuration / RetentionInterval) - 1, $"only {sweeps.Count} sweeps removed rows in {mode.SoakDuration.TotalMinutes:F0} min");
        Assert.True(olderThanWindow < started, "the soak outlived the retention window: its own frames would have been swept");
    }

    /// <summary>
    /// After the first third (start-up, caches, the host actors and connections all coming into
    /// being), the last third may not climb above the middle third: a leak grows with time, a
    /// warm cache does not. Sockets are the simulated agents' keep-alive connections, as many as
    /// their pool opens when the machine is slow: bounded by the hosts, not flat.
    /// </summary>
    private void AssertFlat(IReadOnlyList<ProcessSample> samples, int hosts)
    {
        Assert.True(samples.Count >= 9, $"only {samples.Count} samples");
        var third = samples.Count / 3;
        var middle = samples.Skip(third).Take(third).ToList();
        var last = samples.Skip(2 * third).ToList();
        var (middleRss, lastRss) = (middle.Max(s => s.RssMib), last.Max(s => s.RssMib));
        var (middleFiles, lastFiles) = (middle.Max(s => s.OtherFds), last.Max(s => s.OtherFds));
        var sockets = samples.Max(s => s.Sockets);
        _report.Line($"flatness: peak RSS {middleRss:F0} MiB in the middle third, {lastRss:F0} MiB in the last; peak descriptors other than sockets {middleFiles} and {lastFiles}; sockets at most {sockets}");
        Assert.True(lastRss <= middleRss * 1.10 + 16, $"RSS climbed from {middleRss:F0} to {lastRss:F0} MiB");
        Assert.True(lastFiles <= middleFiles + 8, $"descriptors other than sockets climbed from {middleFiles} to {lastFiles}");
        Assert.True(sockets <= hosts + 100, $"{sockets} sockets open for {hosts} hosts");
    }

    private static List<(DateTimeOffset At, long Rows)> SweepLines(string log) =>
        log.Split('\n').Select(line => Sweep().Match(line)).Where(m => m.Success)
            .Select(m => (DateTimeOffset.ParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal),
                          long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The retention actor's line in the hub's log (local time): <c>2026-11-27 06:15:58 info: akka://lumen-hub/user/retention[0] Retention removed 300 snapshot rows</c>.</summary>
    [GeneratedRegex(@"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) info: akka://lumen-hub/user/retention\[\d+\] Retention removed (\d+) snapshot rows")]
    private static partial Regex Sweep();

    public void Dispose()
    {
        _report.Dispose();
        _rig.Dispose();
    }
}
