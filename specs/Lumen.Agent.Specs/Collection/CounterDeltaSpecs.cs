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

    private static List<KeyValuePair<string, CounterPair>> Reading(params (string Name, ulong In, ulong Out)[] devices) =>
        [.. devices.Select(d => new KeyValuePair<string, CounterPair>(d.Name, new CounterPair(d.In, d.Out)))];

    [Fact]
    public void Device_rates_should_guard_each_device_on_its_own()
    {
        var before = Reading(("eth0", 1_000, 50), ("eth1", 9_000_000, 0));
        var after = Reading(("eth0", 3_000, 150), ("eth1", 500, 100));

        Assert.Equal(
            [new DeviceRate("eth0", 200, 10), new DeviceRate("eth1", 0, 10)],
            DeviceRates.Between(before, after, 10, NoCeiling));
    }

    [Fact]
    public void Device_rates_should_skip_devices_present_in_only_one_reading()
    {
        var before = Reading(("sda", 100, 0), ("sdb", 100, 0));
        var after = Reading(("sda", 600, 0), ("sdc", 9_999_999, 0));

        Assert.Equal([new DeviceRate("sda", 50, 0)], DeviceRates.Between(before, after, 10, NoCeiling));
    }

    [Fact]
    public void Previous_reading_should_be_absent_on_the_first_reading_and_carry_the_elapsed_time_after()
    {
        var previous = new PreviousReading<string>();

        Assert.Null(previous.Replace("first", 100));
        Assert.Equal(("first", 5.0), previous.Replace("second", 105));
    }
}
