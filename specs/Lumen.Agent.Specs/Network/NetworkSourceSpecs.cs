using Lumen.Agent.Collectors.Network;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Network;

public sealed class NetworkSourceSpecs
{
    private static async Task<IngestFrame> SecondTick(string before, string after, double seconds, bool replace = true)
    {
        using var machine = new FixtureCopy(before);
        var source = new NetworkSource(machine.Proc, machine.Sys);
        await source.CollectAsync(new IngestFrame(), Fixture.Tick(0), default);
        if (replace) machine.ReplaceWith(after);
        else machine.Overlay(after);
        var frame = new IngestFrame();
        await source.CollectAsync(frame, Fixture.Tick(seconds), default);
        return frame;
    }

    [Fact]
    public async Task Rates_should_sum_the_physical_interfaces_only()
    {
        // eno1 + eno2 moved 20 MB in and 3 MB out in 10 s; bond0, its VLAN, br0, docker0, veth, wg0 repeat those bytes.
        var frame = await SecondTick("nas", "nas-10s-later", 10);

        Assert.Equal(2_000_000, frame[ScalarMetrics.NetRxBps]);
        Assert.Equal(300_000, frame[ScalarMetrics.NetTxBps]);
    }

    [Fact]
    public async Task Nics_should_carry_each_physical_interfaces_rates_and_no_virtual_one()
    {
        var frame = await SecondTick("nas", "nas-10s-later", 10);

        Assert.Equal(
            [("eno1", 1_250_000.0, 250_000.0), ("eno2", 750_000.0, 50_000.0)],
            frame.Nics!.Select(n => (n.Name, n.RxBps, n.TxBps)));
    }

    [Fact]
    public async Task Rates_should_leave_out_loopback_traffic_of_this_machine()
    {
        // lo moved 71 kB in that second; eth0 nothing.
        var frame = await SecondTick("this-machine", "this-machine-1s-later", 1, replace: false);

        Assert.Equal(0, frame[ScalarMetrics.NetRxBps]);
        Assert.Equal(0, frame[ScalarMetrics.NetTxBps]);
    }

    [Fact]
    public async Task Rates_should_be_zero_not_negative_after_the_counters_reset()
    {
        var frame = await SecondTick("this-machine", "counter-reset", 5, replace: false);

        Assert.Equal(0, frame[ScalarMetrics.NetRxBps]);
        Assert.Equal(0, frame[ScalarMetrics.NetTxBps]);
    }

    [Fact]
    public async Task Rates_should_be_zero_on_the_first_tick()
    {
        var frame = new IngestFrame();

        await new NetworkSource(Fixture.Proc("nas"), Fixture.Sys("nas")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal((0.0, 0.0), (frame[ScalarMetrics.NetRxBps], frame[ScalarMetrics.NetTxBps]));
    }
}
