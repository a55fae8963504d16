using Lumen.EndToEnd.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Policy;

/// <summary>The agent follows the hub's <c>agent_interval</c> setting while it runs.</summary>
[Collection(PolicyCollection.Name)]
public sealed class IntervalPolicySpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan NewInterval = TimeSpan.FromSeconds(3);

    /// <summary>The agent reads the policy at most once a minute; a margin for the ticks that show the change.</summary>
    private static readonly TimeSpan Reaches = TimeSpan.FromSeconds(90);

    private const int GapsAtNewInterval = 4;
    private readonly LumenRig _rig = new(output);

    [Fact]
    public async Task Agent_should_take_a_changed_interval_from_the_hub_settings_without_a_restart()
    {
        await _rig.StartHubAsync();
        var agent = await _rig.StartAgentAsync();
        await _rig.WaitForTicksAsync(t => t.Count >= 3, "3 stored ticks at the first interval", TimeSpan.FromSeconds(30));

        var changedAt = DateTimeOffset.UtcNow;
        _rig.WriteSetting("agent_interval", "3s");

        var ticks = await _rig.WaitForTicksAsync(t => EndsAtNewInterval(t.Between(changedAt, DateTimeOffset.MaxValue)),
            $"{GapsAtNewInterval} gaps of about {NewInterval.TotalSeconds} s", Reaches);

        _rig.Check(!agent.HasExited && _rig.Agent == agent, "the agent was restarted");
        var switchedAt = FirstTickAfterLongerGap(ticks.Between(changedAt, DateTimeOffset.MaxValue));
        _rig.AssertNoTickMissing(ticks.Between(DateTimeOffset.MinValue, switchedAt), "before the agent took the new interval");
        _rig.AssertNoTickMissing(ticks.Between(switchedAt, DateTimeOffset.MaxValue), "after the agent took the new interval", NewInterval);
    }

    private static bool EndsAtNewInterval(StoredTicks ticks)
    {
        var gaps = ticks.Gaps();
        return gaps.Count >= GapsAtNewInterval && gaps.TakeLast(GapsAtNewInterval).All(g => g > NewInterval * 0.8 && g < NewInterval * 1.5);
    }

    /// <summary>The tick that begins the first gap clearly longer than the old interval: from it on, the agent ticks at the new one.</summary>
    private static DateTimeOffset FirstTickAfterLongerGap(StoredTicks ticks)
    {
        var threshold = (LumenRig.Interval + NewInterval) / 2;
        for (var i = 1; i < ticks.Count; i++)
            if (ticks.Ts[i] - ticks.Ts[i - 1] > threshold) return ticks.Ts[i - 1];
        throw new InvalidOperationException($"no gap longer than {threshold.TotalSeconds} s in {ticks}");
    }

    public void Dispose() => _rig.Dispose();
}
