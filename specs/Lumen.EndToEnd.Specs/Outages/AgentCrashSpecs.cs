using Lumen.EndToEnd.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Outages;

/// <summary>The agent dies with frames only in its buffer file; the next agent on that file delivers them.</summary>
[Collection(RestartCollection.Name)]
public sealed class AgentCrashSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly LumenRig _rig = new(output);

    [Fact]
    public async Task Agent_should_deliver_its_buffered_frames_when_it_was_sigkilled_while_the_hub_was_down()
    {
        await _rig.StartHubAsync();
        await _rig.StartAgentAsync();
        await _rig.WaitForTicksAsync(t => t.Count >= 2, "2 stored ticks before the stop", TimeSpan.FromSeconds(30));

        var hubStoppedAt = DateTimeOffset.UtcNow;
        await _rig.StopHubAsync();
        await Task.Delay(LumenRig.Interval * 4);
        var agentKilledAt = DateTimeOffset.UtcNow;
        _rig.KillAgent();

        await _rig.StartAgentAsync();
        var agentRestartedAt = DateTimeOffset.UtcNow;
        await _rig.StartHubAsync();
        var hubRestartedAt = DateTimeOffset.UtcNow;

        var ticks = await _rig.WaitForTicksAsync(t => t.Last > hubRestartedAt + LumenRig.Interval * 3,
            "the agent to catch up after the restarts", TimeSpan.FromSeconds(40));
        var firstAgent = ticks.Between(DateTimeOffset.MinValue, agentKilledAt);
        var secondAgent = ticks.Between(agentKilledAt, DateTimeOffset.MaxValue);
        _rig.AssertNoTickMissing(firstAgent, "the killed agent's ticks");
        _rig.AssertNoTickMissing(secondAgent, "the restarted agent's ticks");

        var buffered = firstAgent.Between(hubStoppedAt, agentKilledAt).Count;
        var taken = (int)((agentKilledAt - hubStoppedAt) / LumenRig.Interval);
        _rig.Check(buffered >= taken - 1, $"only {buffered} of the {taken} ticks the killed agent took while the hub was down were delivered");
        // At most the tick of the very moment of the kill may be lost: it was not yet in the file.
        _rig.Check(firstAgent.Last > agentKilledAt - LumenRig.Interval * 2.5, $"the killed agent's last stored tick is {firstAgent.Last:O}, the kill was at {agentKilledAt:O}");
        _rig.Check(secondAgent.First < agentRestartedAt + LumenRig.Interval * 1.5, $"the restarted agent's first stored tick is {secondAgent.First:O}, it started at {agentRestartedAt:O}");
    }

    public void Dispose() => _rig.Dispose();
}
