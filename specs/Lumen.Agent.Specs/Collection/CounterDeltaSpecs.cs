using Lumen.Agent.Collectors;

namespace Lumen.Agent.Specs.Collection;

public sealed class CounterDeltaSpecs
{
    private const double NoCeiling = double.MaxValue;

    [Fact]
    public void Rate_should_be_the_growth_per_second()
    {
        Assert.Equal(150, CounterDelta.PerSecond(1_000, 2_500, 10, NoCeiling));
    }

    [Fact]
    public void Rate_should_be_zero_when_the_counter_went_backwards()
    {
        // A reboot or driver reload restarts the counter; unsigned arithmetic would make this 2^64.
        Assert.Equal(0, CounterDelta.PerSecond(5_000_000, 1_200, 5, NoCeiling));
        Assert.Null(CounterDelta.Between(5_000_000, 1_200));
    }

    [Fact]
    public void Rate_should_be_zero_when_a_32_bit_counter_wrapped()
    {
        Assert.Equal(0, CounterDelta.PerSecond(uint.MaxValue - 10, 20, 5, NoCeiling));
    }

    [Fact]
    public void Rate_should_be_dropped_when_above_the_plausible_ceiling()
    {
        var glitch = CounterDelta.PerSecond(0, 1_000_000_000_000, 1, PlausibleRates.MaxPlausibleNetworkBps);

        Assert.Equal(0, glitch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rate_should_be_zero_without_elapsed_time(double elapsedSeconds)
    {
        Assert.Equal(0, CounterDelta.PerSecond(0, 1000, elapsedSeconds, NoCeiling));
    }

    [Fact]
    public void Sum_should_guard_each_device_on_its_own()
    {
        var before = new Dictionary<string, ulong> { ["eth0"] = 1_000, ["eth1"] = 9_000_000 };
        var after = new Dictionary<string, ulong> { ["eth0"] = 3_000, ["eth1"] = 500 };

        Assert.Equal(200, CounterDelta.SumPerSecond(before, after, 10, NoCeiling));
    }

    [Fact]
    public void Sum_should_skip_devices_present_in_only_one_reading()
    {
        var before = new Dictionary<string, ulong> { ["sda"] = 100, ["sdb"] = 100 };
        var after = new Dictionary<string, ulong> { ["sda"] = 600, ["sdc"] = 9_999_999 };

        Assert.Equal(50, CounterDelta.SumPerSecond(before, after, 10, NoCeiling));
    }

    [Fact]
    public void Previous_reading_should_be_absent_on_the_first_reading_and_carry_the_elapsed_time_after()
    {
        var previous = new PreviousReading<string>();

        Assert.Null(previous.Replace("first", 100));
        Assert.Equal(("first", 5.0), previous.Replace("second", 105));
    }
}
