using Lumen.Faults.Specs.Fleet;
using Lumen.Faults.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 2. The hub is stopped (as by systemctl) while simulated and real agents keep
/// collecting. When it is back, each agent sends its backlog at the configured pace
/// (<c>buffer_drain</c> frames a tick), the hub answers no 503, and every frame arrives, each
/// host's in ts order.
/// </summary>
public sealed class HubOutageSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int Drain = 10;

    private readonly FaultRig _rig = new(output, "hub-outage");
    private readonly ScenarioReport _report = new(output, "2. Hub outage");

    [Fact]
    public async Task Hub_should_receive_every_frame_in_ts_order_at_the_drain_pace_when_it_comes_back_from_an_outage()
    {
        var mode = FaultsMode.Current;
        var simulated = _rig.AddHosts("sim", mode.OutageAgents);
        var real = _rig.AddHosts("real", 2);
        await _rig.StartHubAsync();
        foreach (var host in real) await _rig.StartAgentAsync(host, Drain);
        await using var fleet = SimulatedFleet.Start(_rig.BaseAddress, simulated, Interval, Drain);
        var ledger = fleet.Ledger;
        // The real agents delivering before the stop, so each one's stored ticks span the outage.
        await Eventually.TrueAsync(() => real.All(h => StoredTicks.Read(_rig.DatabasePath, h.Id).Count >= 3),
            "three stored ticks of each real agent", TimeSpan.FromSeconds(30), () => RunUp(simulated.Count, ledger, real), Eventually.ProcessPollEvery);

        var stoppedAt = ledger.Now;
        var stoppedWall = DateTimeOffset.UtcNow;
        Assert.Equal(0, await _rig.StopHubAsync());
        await Task.Delay(mode.Outage);
        await _rig.StartHubAsync();
        var restartedAt = ledger.Now;
        var restartedWall = DateTimeOffset.UtcNow;
        var backlog = ledger.CollectedBefore(restartedAt);
        var collectedWhileDown = backlog.Count - ledger.CollectedBefore(stoppedAt).Count;

        var drainLimit = mode.Outage / Drain + TimeSpan.FromSeconds(60);
        var (drained, missing) = await Delivery.WaitStoredAsync(_rig, backlog, drainLimit);
        _report.Line($"{simulated.Count} simulated + {real.Count} real agents at {Interval.TotalSeconds:F0} s, buffer_drain {Drain}; hub stopped (SIGTERM) for {mode.Outage.TotalSeconds:F0} s");
        _report.Line($"backlog: {collectedWhileDown} frames collected by the simulated agents while the hub was down ({collectedWhileDown / Math.Max(1, simulated.Count)} each); all stored {drained.TotalSeconds:F1} s after the restart (pace bound: {Math.Ceiling(collectedWhileDown / (double)simulated.Count / Drain) * Interval.TotalSeconds:F0} s); missing {missing.Count}");
        Assert.True(missing.Count == 0, $"backlog not stored {drainLimit.TotalSeconds:F0} s after the restart: {Delivery.Describe(missing)}");

        var afterRestart = ledger.Posts.Where(p => p.At >= restartedAt).ToList();
        var refused = afterRestart.Count(p => p.Status == 503);
        _report.Line($"after the restart: {afterRestart.Count} posts, {refused} × 503, busiest second {BusiestSecond(afterRestart)} posts");
        Assert.Equal(0, refused);
        AssertDrainPace(afterRestart, restartedAt);
        AssertTsOrder(ledger.Posts);

        await Task.Delay(Interval * 2);
        var collected = ledger.CollectedBefore(ledger.Now);
        var (_, lost) = await Delivery.WaitStoredAsync(_rig, collected, TimeSpan.FromSeconds(30));
        _report.Line($"simulated: {collected.Count} frames collected, {collected.Count - lost.Count} stored, lost {lost.Count}");
        Assert.True(lost.Count == 0, $"frames never stored: {Delivery.Describe(lost)}");

        foreach (var host in real)
        {
            var ticks = StoredTicks.Read(_rig.DatabasePath, host.Id);
            var whileDown = ticks.Between(stoppedWall, restartedWall).Count;
            var problems = ticks.Between(DateTimeOffset.MinValue, DateTimeOffset.UtcNow - Interval * 3).Problems(Interval);
            _report.Line($"real agent {host.Name}: {ticks.Count} ticks stored, {whileDown} from the outage, problems: {(problems.Count == 0 ? "none" : string.Join("; ", problems))}");
            Assert.True(problems.Count == 0, $"{host.Name}: {string.Join("; ", problems)}\n{_rig.Agents[host.Name].Tail()}");
            Assert.True(whileDown >= mode.Outage / Interval - 2, $"{host.Name}: only {whileDown} ticks from the {mode.Outage.TotalSeconds} s outage");
        }
    }

    /// <summary>How far the agents got before the stop, for a run-up that did not finish.</summary>
    private string RunUp(int simulated, FleetLedger ledger, IReadOnlyList<HostCredential> real) =>
        $"{ledger.HostsHeard()} of {simulated} simulated agents heard, {ledger.CountStatus(204)} × 204, {ledger.CountStatus(503)} × 503, {ledger.CountStatus(0)} unanswered; stored: "
        + string.Join(", ", real.Select(h => $"{h.Name} {StoredTicks.Read(_rig.DatabasePath, h.Id)}"))
        + "\n" + string.Join("\n", real.Select(h => _rig.Agents[h.Name].Tail(20))) + "\n" + _rig.Hub!.Tail(20);

    /// <summary>
    /// Within the first k ticks after the restart an agent posts at most (k + 1) × drain frames:
    /// its backlog goes out a drain's worth a tick, not all at once.
    /// </summary>
    private void AssertDrainPace(IReadOnlyList<PostRecord> afterRestart, TimeSpan restartedAt)
    {
        var worst = 0.0;
        foreach (var host in afterRestart.GroupBy(p => p.Host))
        {
            var times = host.Select(p => p.At - restartedAt).Order().ToList();
            for (var k = 1; k <= 30; k++)
            {
                var posted = times.Count(t => t < Interval * k);
                worst = Math.Max(worst, posted / (double)(k + 1));
                Assert.True(posted <= (k + 1) * Drain, $"host {host.Key} posted {posted} frames within {k} ticks of the restart; the pace allows {(k + 1) * Drain}");
            }
        }
        _report.Line($"pace: at most {worst:F1} posts per tick per agent in any first k ticks (buffer_drain {Drain})");
    }

    /// <summary>Each host's frames reach the hub oldest first: a frame seen for the first time is newer than every one before it.</summary>
    private void AssertTsOrder(IReadOnlyList<PostRecord> posts)
    {
        var outOfOrder = 0;
        var repeats = 0;
        foreach (var host in posts.Where(p => p.Status == 204).GroupBy(p => p.Host))
        {
            var seen = new HashSet<long>();
            var newest = long.MinValue;
            foreach (var post in host.OrderBy(p => p.At))
            {
                if (!seen.Add(post.TsMs)) { repeats++; continue; }
                if (post.TsMs < newest) outOfOrder++;
                newest = Math.Max(newest, post.TsMs);
            }
        }
        _report.Line($"order: {outOfOrder} frames arrived after a newer one of their host ({repeats} re-sends of frames already acknowledged, ignored)");
        Assert.Equal(0, outOfOrder);
    }

    private static int BusiestSecond(IReadOnlyList<PostRecord> posts) =>
        posts.Count == 0 ? 0 : posts.GroupBy(p => (long)p.At.TotalSeconds).Max(g => g.Count());

    public void Dispose()
    {
        _report.Dispose();
        _rig.Dispose();
    }
}
