using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Sending;

public sealed class RefusedTokenBackoffSpecs
{
    [Fact]
    public void Backoff_should_double_from_five_seconds_to_a_minute_and_report_once_it_gets_there()
    {
        var backoff = new RefusedTokenBackoff();

        var tries = Enumerable.Range(0, 7).Select(_ => backoff.Refused()).ToList();

        Assert.Equal([5, 10, 20, 40, 60, 60, 60], tries.Select(t => (int)t.Wait.TotalSeconds));
        Assert.Equal([false, false, false, false, true, false, false], tries.Select(t => t.Report));
    }

    [Fact]
    public void Backoff_should_start_over_after_the_hub_took_a_frame()
    {
        var backoff = new RefusedTokenBackoff();
        for (var i = 0; i < 6; i++) backoff.Refused();

        backoff.Accepted();

        Assert.Equal((RefusedTokenBackoff.First, false), backoff.Refused());
    }
}
