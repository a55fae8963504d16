using Lumen.Agent.Collectors.Cpu;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Cpu;

public sealed class CpuUsageSpecs
{
    private static ProcStatReading Stat(string tree) => ProcStat.Parse(Fixture.Read(tree, "proc/stat"));

    [Fact]
    public void Percent_should_be_busy_over_total_between_two_readings_of_this_machine()
    {
        // Over that second: user +173, system +15, idle +17 jiffies, so 188 busy of 205.
        var percent = CpuUsage.Percent(Stat("this-machine").Total, Stat("this-machine-1s-later").Total);

        Assert.Equal(91.71, percent);
    }

    [Fact]
    public void Per_core_should_count_iowait_as_idle_steal_as_busy_and_guest_once()
    {
        // Core i: user +i (half of it guest time), iowait +10, idle the rest of 100; core 63 also 5 steal.
        var perCore = CpuUsage.PerCore(Stat("cpu-64-core"), Stat("cpu-64-core-1s-later"));

        Assert.Equal(64, perCore.Length);
        Assert.Equal(0, perCore[0]);
        Assert.Equal(17, perCore[17]);
        Assert.Equal(68, perCore[63]);
    }

    [Fact]
    public void Steal_percent_should_be_stolen_time_over_all_time_of_every_core()
    {
        // Over that second the cores together: 6,400 jiffies, 5 of them stolen (all on core 63).
        var steal = CpuUsage.StealPercent(Stat("cpu-64-core").Total, Stat("cpu-64-core-1s-later").Total);

        Assert.Equal(0.08, steal);
    }

    [Fact]
    public void Steal_percent_should_be_zero_on_bare_metal_and_after_a_counter_reset()
    {
        Assert.Equal(0, CpuUsage.StealPercent(Stat("this-machine").Total, Stat("this-machine-1s-later").Total));
        Assert.Equal(0, CpuUsage.StealPercent(Stat("this-machine").Total, Stat("counter-reset").Total));
    }

    [Fact]
    public void Percent_should_be_zero_when_the_counters_went_backwards()
    {
        Assert.Equal(0, CpuUsage.Percent(Stat("this-machine").Total, Stat("counter-reset").Total));
    }

    [Fact]
    public void Percent_should_be_zero_when_no_time_passed()
    {
        var reading = Stat("this-machine").Total;

        Assert.Equal(0, CpuUsage.Percent(reading, reading));
    }

    [Fact]
    public void Per_core_should_report_zero_for_a_core_that_just_came_online()
    {
        var before = ProcStat.Parse("cpu  100 0 0 100 0 0 0 0\ncpu0 100 0 0 100 0 0 0 0\n");
        var after = ProcStat.Parse("cpu  250 0 0 150 0 0 0 0\ncpu0 150 0 0 150 0 0 0 0\ncpu1 100 0 0 0 0 0 0 0\n");

        Assert.Equal([50, 0], CpuUsage.PerCore(before, after));
    }
}
