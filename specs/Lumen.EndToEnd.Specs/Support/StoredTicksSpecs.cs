using Lumen.Specs.Support;

namespace Lumen.EndToEnd.Specs.Support;

/// <summary>
/// The continuity check itself (shared by this suite and the fault scenarios), so a pass of
/// the process specs means what it says.
/// </summary>
public sealed class StoredTicksSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static StoredTicks Ticks(params double[] seconds) => StoredTicks.Of(seconds.Select(s => T0.AddSeconds(s)));

    [Fact]
    public void StoredTicks_should_find_no_problem_in_an_unbroken_run_with_jitter() =>
        Assert.Empty(Ticks(0, 2.01, 3.98, 6.4, 8, 10).Problems(Interval));

    [Fact]
    public void StoredTicks_should_report_a_missing_tick() =>
        Assert.Contains(Ticks(0, 2, 4, 8, 10).Problems(Interval), p => p.Contains("missing"));

    [Fact]
    public void StoredTicks_should_report_a_tick_too_many() =>
        Assert.Contains(Ticks(0, 2, 2.3, 4, 6).Problems(Interval), p => p.Contains("too many"));

    [Fact]
    public void StoredTicks_should_report_a_tick_stored_twice() =>
        Assert.Contains(Ticks(0, 2, 2, 4).Problems(Interval), p => p.Contains("more than once"));
}
