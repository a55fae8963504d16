using Lumen.EndToEnd.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Outages;

/// <summary>
/// The hub goes away while the agent keeps ticking: stopped as by systemctl for half a minute,
/// or SIGKILLed with a batch still in memory. Either way every tick ends up in SQLite once.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class HubOutageSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private readonly LumenRig _rig = new(output);

    [Fact]
    public async Task Hub_should_end_with_every_tick_stored_once_when_it_was_stopped_for_30_seconds()
    {
        await _rig.StartHubAsync();
        await _rig.StartAgentAsync();
        await _rig.WaitForTicksAsync(t => t.Count >= 3, "3 stored ticks before the stop", TimeSpan.FromSeconds(30));

        var stoppedAt = DateTimeOffset.UtcNow;
        await _rig.StopHubAsync();
        await Task.Delay(Outage);
        var restartedAt = DateTimeOffset.UtcNow;
        await _rig.StartHubAsync();

        var ticks = await CaughtUpAsync(restartedAt);
        _rig.AssertNoTickMissing(ticks, "across the outage");
        _rig.Check(ticks.First < stoppedAt, $"no tick from before the stop at {stoppedAt:O}");
        var whileDown = ticks.Between(stoppedAt, restartedAt).Count;
        _rig.Check(whileDown >= Outage / LumenRig.Interval - 1, $"only {whileDown} ticks from the {Outage.TotalSeconds} s the hub was down");
    }

    [Fact]
    public async Task Hub_should_end_with_no_tick_missing_when_it_was_sigkilled_before_its_flush()
    {
        // Ten minutes: nothing the first hub takes reaches the disk before the kill.
        await _rig.StartHubAsync(flushEvery: "10m");
        await _rig.StartAgentAsync();
        var agentReadyAt = DateTimeOffset.UtcNow;
        await Task.Delay(LumenRig.Interval * 4);

        var killedAt = DateTimeOffset.UtcNow;
        _rig.KillHub();
        var ticksSent = (int)((killedAt - agentReadyAt) / LumenRig.Interval);
        var storedAfterKill = _rig.Ticks().Count;
        _rig.Check(storedAfterKill < ticksSent, $"the kill lost nothing: {storedAfterKill} of {ticksSent} ticks stored");

        var restartedAt = DateTimeOffset.UtcNow;
        await _rig.StartHubAsync();

        var ticks = await CaughtUpAsync(restartedAt);
        _rig.AssertNoTickMissing(ticks, "across the kill");
        var fromKilledHub = ticks.Between(DateTimeOffset.MinValue, killedAt).Count;
        _rig.Check(fromKilledHub >= ticksSent, $"{fromKilledHub} ticks from before the kill stored, {ticksSent} were sent");
    }

    /// <summary>
    /// The buffer drains oldest first, so a tick taken well after the restart is stored only
    /// once everything the agent held has been sent.
    /// </summary>
    private Task<StoredTicks> CaughtUpAsync(DateTimeOffset restartedAt) =>
        _rig.WaitForTicksAsync(t => t.Last > restartedAt + LumenRig.Interval * 3, "the agent to catch up after the restart", TimeSpan.FromSeconds(40));

    public void Dispose() => _rig.Dispose();
}
