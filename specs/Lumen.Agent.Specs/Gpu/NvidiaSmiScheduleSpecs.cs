using Lumen.Agent.Collectors.Gpu;

namespace Lumen.Agent.Specs.Gpu;

public sealed class NvidiaSmiScheduleSpecs
{
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(2);

    [Fact]
    public void Schedule_should_look_again_only_after_the_retry_when_the_program_is_missing()
    {
        var schedule = new NvidiaSmiSchedule(Retry);

        Assert.True(schedule.IsDue(0));
        schedule.NotFound(0);

        Assert.False(schedule.IsDue(5));
        Assert.False(schedule.IsDue(119.9));
        Assert.True(schedule.IsDue(120));
    }

    [Fact]
    public void Failure_should_give_one_notice_until_the_problem_changes()
    {
        var schedule = new NvidiaSmiSchedule(Retry);

        var first = schedule.Failed(0, "nvidia-smi exited with code 9");
        var same = schedule.Failed(120, "nvidia-smi exited with code 9");
        var other = schedule.Failed(240, "nvidia-smi did not answer within 2 s");

        Assert.Equal("NVIDIA GPUs are not reported: nvidia-smi exited with code 9; trying again every 2 min", first);
        Assert.Null(same);
        Assert.Contains("did not answer", other);
        Assert.False(schedule.IsDue(300));
    }

    [Fact]
    public void Success_should_be_noticed_only_after_a_failure_and_make_every_tick_due()
    {
        var schedule = new NvidiaSmiSchedule(Retry);

        Assert.Null(schedule.Succeeded());
        schedule.Failed(0, "nvidia-smi exited with code 9");
        var recovered = schedule.Succeeded();

        Assert.Equal("nvidia-smi answers again; NVIDIA GPUs are reported", recovered);
        Assert.True(schedule.IsDue(5));
    }
}
