using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Disk;

public sealed class DiskIoSourceSpecs
{
    private static async Task<IngestFrame> SecondTick(FixtureCopy machine, Action change, double seconds)
    {
        var source = new DiskIoSource(machine.Proc, machine.Sys);
        await source.CollectAsync(new IngestFrame(), Fixture.Tick(0), default);
        change();
        var frame = new IngestFrame();
        await source.CollectAsync(frame, Fixture.Tick(seconds), default);
        return frame;
    }

    [Fact]
    public async Task Rates_should_be_sectors_times_512_per_second_on_this_machine()
    {
        using var machine = new FixtureCopy("this-machine");

        var frame = await SecondTick(machine, () => machine.Overlay("this-machine-1s-later"), 1);

        Assert.Equal((4332482 - 4332274) * 512, frame[ScalarMetrics.DiskRBps]);
        Assert.Equal(0, frame[ScalarMetrics.DiskWBps]);
    }

    [Fact]
    public async Task Rates_should_skip_a_disk_unplugged_and_one_plugged_in_between_readings()
    {
        // sdb is gone, sdc is new; sda read 10 MiB and wrote 20 MiB, nvme0n1 read 1 MiB, in 10 s.
        using var machine = new FixtureCopy("nas");

        var frame = await SecondTick(machine, () => machine.ReplaceWith("nas-10s-later"), 10);

        Assert.Equal((20480 + 2048) * 512 / 10.0, frame[ScalarMetrics.DiskRBps]);
        Assert.Equal(40960 * 512 / 10.0, frame[ScalarMetrics.DiskWBps]);
    }

    [Fact]
    public async Task Rates_should_be_zero_not_negative_after_the_counters_reset()
    {
        using var machine = new FixtureCopy("this-machine");

        var frame = await SecondTick(machine, () => machine.Overlay("counter-reset"), 5);

        Assert.Equal((0.0, 0.0), (frame[ScalarMetrics.DiskRBps], frame[ScalarMetrics.DiskWBps]));
    }
}
