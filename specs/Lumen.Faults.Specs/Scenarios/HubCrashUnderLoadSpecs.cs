using Lumen.Faults.Specs.Fleet;
using Lumen.Faults.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 1. Simulated agents (the agent's own sender) and two real agents report every
/// 2 s while the hub is SIGKILLed at random moments, with most of what it acknowledged still in
/// memory (flush every 5 s). After each restart every frame any earlier instance acknowledged
/// must be in SQLite, and at the end every frame collected, each once.
/// </summary>
public sealed class HubCrashUnderLoadSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    private readonly FaultRig _rig = new(output, "hub-crash");
    private readonly ScenarioReport _report = new(output, "1. Hub crash under load");

    [Fact]
    public async Task Hub_should_store_every_acknowledged_frame_exactly_once_when_sigkilled_under_load_again_and_again()
    {
        var mode = FaultsMode.Current;
        var simulated = _rig.AddHosts("sim", mode.CrashAgents);
        var real = _rig.AddHosts("real", 2);
        await _rig.StartHubAsync(new HubSettings(FlushEvery: "5s"));
        foreach (var host in real) await _rig.StartAgentAsync(host);
        var realStartedAt = DateTimeOffset.UtcNow;
        await using var fleet = SimulatedFleet.Start(_rig.BaseAddress, simulated, Interval);
        var ledger = fleet.Ledger;
        _report.Line($"{simulated.Count} simulated agents + {real.Count} real agents at {Interval.TotalSeconds:F0} s, flush every 5 s, {mode.CrashKills} SIGKILLs at random moments");

        for (var kill = 1; kill <= mode.CrashKills; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Random.Shared.Next(6, 16)));
            _rig.KillHub();
            var killedAt = ledger.Now;
            var acknowledged = ledger.AcknowledgedByInstance().SelectMany(g => g).Distinct().ToList();
            var onDiskAtKill = _rig.Rows();
            var inMemoryAtKill = onDiskAtKill.Missing(acknowledged).Count;

            await _rig.StartHubAsync();
            var (recovery, missing) = await Delivery.WaitStoredAsync(_rig, acknowledged, RecoveryLimit);
            _report.Line($"kill {kill} at +{killedAt.TotalSeconds:F0}s: {acknowledged.Count} frames acknowledged so far, {inMemoryAtKill} of them only in the hub's memory at the kill; after the restart all stored in {recovery.TotalSeconds:F1} s; lost {missing.Count}");
            Assert.True(missing.Count == 0, $"kill {kill}: acknowledged frames not stored {RecoveryLimit.TotalSeconds} s after the restart: {Delivery.Describe(missing)}\n{_rig.Hub!.Tail()}");
        }

        // Everything collected up to now must arrive; the fleet keeps ticking, as agents do, so backlogs drain.
        await Task.Delay(Interval * 2);
        var cutoff = ledger.Now;
        var collected = ledger.CollectedBefore(cutoff);
        var (drain, lost) = await Delivery.WaitStoredAsync(_rig, collected, RecoveryLimit);
        var realCutoff = DateTimeOffset.UtcNow;
        var rows = _rig.Rows();
        var posts = ledger.Posts.Where(p => p.At < cutoff).ToList();
        _report.Line($"simulated: {collected.Count} frames collected, {posts.Count} posts ({posts.Count(p => p.Status == 204)} × 204, {posts.Count(p => p.Status == 503)} × 503, {posts.Count(p => p.Status == 0)} without an answer), {collected.Count - lost.Count} stored, lost {lost.Count} (last ones stored {drain.TotalSeconds:F1} s after the cut-off)");
        _report.Line($"rows in the table: {rows.Total}, distinct (host, ts): {rows.Distinct}");
        Assert.True(lost.Count == 0, $"collected frames never stored: {Delivery.Describe(lost)}");
        Assert.Equal(rows.Distinct, rows.Total);
        var simulatedIds = simulated.Select(h => h.Id).ToHashSet();
        var collectedSet = ledger.CollectedBefore(ledger.Now).ToHashSet();
        var strays = simulated.Sum(h => rows.TsFor(h.Id).Count(ts => !collectedSet.Contains((h.Id, ts))));
        Assert.True(strays == 0, $"{strays} stored rows of simulated hosts were never collected");

        foreach (var host in real)
        {
            var ticks = StoredTicks.Read(_rig.DatabasePath, host.Id).Between(realStartedAt, realCutoff - Interval * 3);
            var problems = ticks.Problems(Interval);
            _report.Line($"real agent {host.Name}: {ticks.Count} ticks stored, problems: {(problems.Count == 0 ? "none" : string.Join("; ", problems))}");
            Assert.True(problems.Count == 0, $"{host.Name}: {string.Join("; ", problems)}\n{_rig.Agents[host.Name].Tail()}");
        }
    }

    public void Dispose()
    {
        _report.Dispose();
        _rig.Dispose();
    }
}
