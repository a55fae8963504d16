using Lumen.Hub.Retention;

namespace Lumen.Hub.Specs.Retention;

public sealed class RetentionPolicySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Policy_should_sweep_on_the_first_beat_with_the_window_as_cutoff()
    {
        var decision = RetentionPolicy.Decide(TimeSpan.FromHours(24), TimeSpan.FromHours(1), null, Now);

        Assert.Equal(new RetentionDecision.Sweep(Now.AddHours(-24)), decision);
    }

    [Fact]
    public void Policy_should_wait_until_an_interval_has_passed_since_the_last_sweep()
    {
        Assert.IsType<RetentionDecision.NotDue>(RetentionPolicy.Decide(TimeSpan.FromHours(24), TimeSpan.FromHours(1), Now.AddMinutes(-59), Now));
        Assert.IsType<RetentionDecision.Sweep>(RetentionPolicy.Decide(TimeSpan.FromHours(24), TimeSpan.FromHours(1), Now.AddMinutes(-60), Now));
    }

    [Fact]
    public void Policy_should_sweep_at_the_beat_that_ends_the_interval_when_the_last_sweep_started_a_moment_after_its_beat()
    {
        // Beats every 30 s; the last sweep was noted 40 ms after its beat, two beats ago.
        var lastSweep = Now.AddSeconds(-60).AddMilliseconds(40);

        Assert.IsType<RetentionDecision.Sweep>(RetentionPolicy.Decide(TimeSpan.FromHours(2), TimeSpan.FromMinutes(1), lastSweep, Now));
        Assert.IsType<RetentionDecision.NotDue>(RetentionPolicy.Decide(TimeSpan.FromHours(2), TimeSpan.FromMinutes(1), Now.AddSeconds(-30), Now));
    }

    [Theory]
    [InlineData(0, 3600)]
    [InlineData(86400, 0)]
    public void Policy_should_be_disabled_when_window_or_interval_is_zero(int windowSeconds, int intervalSeconds)
    {
        var decision = RetentionPolicy.Decide(TimeSpan.FromSeconds(windowSeconds), TimeSpan.FromSeconds(intervalSeconds), null, Now);

        Assert.IsType<RetentionDecision.Disabled>(decision);
    }
}
