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
    public async Task Disks_should_carry_each_whole_disks_rates_which_add_up_to_the_totals()
    {
        // sda read 10 MiB and wrote 20 MiB, nvme0n1 read 1 MiB in 10 s; sdc is new and has no rate yet.
        using var machine = new FixtureCopy("nas");

        var frame = await SecondTick(machine, () => machine.ReplaceWith("nas-10s-later"), 10);

        Assert.Equal(
            [("sda", 20480 * 512 / 10.0, 40960 * 512 / 10.0), ("nvme0n1", 2048 * 512 / 10.0, 0)],
            frame.Disks!.Select(d => (d.Name, d.ReadBps, d.WriteBps)));
        Assert.Equal(frame[ScalarMetrics.DiskRBps], frame.Disks!.Sum(d => d.ReadBps));
    }

    [Fact]
    public async Task Disks_should_be_absent_on_the_first_tick()
    {
        var frame = new IngestFrame();

        await new DiskIoSource(Fixture.Proc("nas"), Fixture.Sys("nas")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Null(frame.Disks);
    }

    [Fact]
    public async Task Rates_should_be_zero_not_negative_after_the_counters_reset()
    {
        using var machine = new FixtureCopy("this-machine");

        var frame = await SecondTick(machine, () => machine.Overlay("counter-reset"), 5);

        Assert.Equal((0.0, 0.0), (frame[ScalarMetrics.DiskRBps], frame[ScalarMetrics.DiskWBps]));
    }
}
