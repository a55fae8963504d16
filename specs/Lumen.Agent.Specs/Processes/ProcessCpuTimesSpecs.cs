using Lumen.Agent.Collectors.Processes;

namespace Lumen.Agent.Specs.Processes;

public sealed class ProcessCpuTimesSpecs
{
    [Fact]
    public void Cpu_times_should_give_zero_on_the_first_tick_and_the_share_of_one_core_after()
    {
        var cpu = new ProcessCpuTimes();
        cpu.Begin(10);
        Assert.Equal(0, cpu.Percent(42, new PidStat(1000, 500, 1)));
        cpu.End(10);

        cpu.Begin(12);
        // 90 ticks of 10 ms in 2 s: 0.9 s of CPU, 45 % of one core.
        Assert.Equal(45, cpu.Percent(42, new PidStat(1090, 500, 1)), 6);
    }

    [Fact]
    public void Cpu_times_should_count_a_process_new_since_the_last_tick_or_a_reused_pid_from_its_start()
    {
        var cpu = new ProcessCpuTimes();
        cpu.Begin(0);
        cpu.Percent(42, new PidStat(5000, 500, 1));
        cpu.End(0);

        cpu.Begin(1);
        var reused = cpu.Percent(42, new PidStat(30, 9000, 1));
        var started = cpu.Percent(43, new PidStat(20, 9001, 1));

        Assert.Equal((30, 20), (reused, started));
    }

    [Fact]
    public void Cpu_times_should_forget_processes_that_exited_and_start_over_after_forget()
    {
        var cpu = new ProcessCpuTimes();
        cpu.Begin(0);
        cpu.Percent(42, new PidStat(40, 500, 1));
        cpu.End(0);
        cpu.Begin(1);
        cpu.End(1);

        cpu.Begin(2);
        // Not read on the tick before: counted afresh, from its start, like a new process.
        Assert.Equal(60, cpu.Percent(42, new PidStat(60, 500, 1)), 6);
        cpu.End(2);
        cpu.Forget();
        cpu.Begin(3);
        Assert.Equal(0, cpu.Percent(42, new PidStat(200, 500, 1)));
    }
}
