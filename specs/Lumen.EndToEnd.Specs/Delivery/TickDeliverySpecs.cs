using Lumen.EndToEnd.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Delivery;

/// <summary>The real hub and the real agent on 127.0.0.1 at the lowest interval the hub's policy allows.</summary>
[Collection(RestartCollection.Name)]
public sealed class TickDeliverySpecs(ITestOutputHelper output) : IDisposable
{
    private const int Ticks = 8;
    private readonly LumenRig _rig = new(output);

    [Fact]
    public async Task Agent_should_get_the_frame_of_every_tick_into_sqlite_once()
    {
        await _rig.StartHubAsync();
        await _rig.StartAgentAsync();

        var ticks = await _rig.WaitForTicksAsync(t => t.Count >= Ticks, $"{Ticks} stored ticks", LumenRig.Interval * (Ticks + 10));

        _rig.AssertNoTickMissing(ticks, "while both run");
        // Arriving as they are taken, not in bursts: the newest row is younger than a tick plus a flush.
        var age = DateTimeOffset.UtcNow - ticks.Last!.Value;
        _rig.Check(age < LumenRig.Interval + TimeSpan.FromSeconds(3), $"the newest stored tick is {age.TotalSeconds:F1} s old");
    }

    public void Dispose() => _rig.Dispose();
}
