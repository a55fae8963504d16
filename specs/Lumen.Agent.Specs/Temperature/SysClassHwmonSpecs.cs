using Lumen.Agent.Collectors.Temperature;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Temperature;

public sealed class SysClassHwmonSpecs
{
    [Fact]
    public void Hottest_should_be_the_highest_sensor_of_every_chip()
    {
        // acpitz 27.8, coretemp package 52, nvme 44.85, Super I/O 38 (plus its -128 and 255 glitches), a silent drive.
        Assert.Equal(52, SysClassHwmon.ReadHottestC(Fixture.Sys("nas")));
    }

    [Fact]
    public void Hottest_should_be_null_on_a_machine_without_sensors()
    {
        Assert.Null(SysClassHwmon.ReadHottestC(Fixture.Sys("this-machine")));
    }

    [Fact]
    public void Hottest_should_read_sensors_in_the_old_device_folder()
    {
        Assert.Equal(47.5, SysClassHwmon.ReadHottestC(Fixture.Sys("hwmon-old-layout")));
    }

    [Theory]
    [InlineData("-128000")]
    [InlineData("255000")]
    [InlineData("150001")]
    [InlineData("")]
    [InlineData("not a number")]
    public void Parse_should_ignore_readings_outside_what_the_hub_accepts(string text)
    {
        Assert.Null(SysClassHwmon.ParseMillidegrees(text));
    }

    [Theory]
    [InlineData("-5000\n", -5)]
    [InlineData("41850\n", 41.85)]
    [InlineData("150000", 150)]
    public void Parse_should_turn_millidegrees_into_degrees(string text, double celsius)
    {
        Assert.Equal(celsius, SysClassHwmon.ParseMillidegrees(text));
    }

    [Fact]
    public async Task Temperature_source_should_report_zero_without_sensors()
    {
        var frame = new IngestFrame { [ScalarMetrics.TempC] = 99 };

        await new TemperatureSource(Fixture.Sys("this-machine")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal(0, frame[ScalarMetrics.TempC]);
    }
}
