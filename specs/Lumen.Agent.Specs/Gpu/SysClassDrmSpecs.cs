using Lumen.Agent.Collectors.Gpu;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Gpu;

public sealed class SysClassDrmSpecs
{
    [Fact]
    public void Amd_card_should_report_busy_percent_vram_in_mib_and_its_hwmon_temperature()
    {
        var gpu = Assert.Single(SysClassDrm.ReadAmd(Fixture.Sys("gpu-amd-desktop")));

        // card1; an empty product_name (consumer cards) falls back to the PCI device id.
        Assert.Equal(new GpuSample { Index = 1, Name = "AMD GPU 0x73bf", UtilPct = 37, MemUsedMb = 2048, MemTotalMb = 16368, TempC = 52 }, gpu);
    }

    [Fact]
    public void Cards_of_other_vendors_connectors_and_render_nodes_should_be_left_out()
    {
        // card0 is an Intel iGPU; card0-HDMI-A-1, card1-DP-1, renderD128 sit beside them.
        Assert.Equal([1], SysClassDrm.ReadAmd(Fixture.Sys("gpu-amd-desktop")).Select(g => g.Index));
    }

    [Fact]
    public void Card_without_hwmon_should_report_zero_temperature_and_its_product_name()
    {
        var gpu = Assert.Single(SysClassDrm.ReadAmd(Fixture.Sys("gpu-amd-no-hwmon")));

        Assert.Equal(new GpuSample { Index = 0, Name = "AMD Radeon PRO W6600", UtilPct = 5, MemUsedMb = 512, MemTotalMb = 8176, TempC = 0 }, gpu);
    }

    [Fact]
    public void Runtime_suspended_card_should_not_have_its_busy_counter_or_sensor_read()
    {
        using var machine = new FixtureCopy("gpu-amd-desktop");
        var device = Path.Combine(machine.Sys, "class", "drm", "card1", "device");
        File.WriteAllText(Path.Combine(device, "power", "runtime_status"), "suspended\n");

        var gpu = Assert.Single(SysClassDrm.ReadAmd(machine.Sys));

        // Reading them would wake the card; the memory figures are the driver's own.
        Assert.Equal((0.0, 0.0, 2048.0), (gpu.UtilPct, gpu.TempC, gpu.MemUsedMb));
    }

    [Fact]
    public void Machine_without_drm_should_have_no_amd_gpus()
    {
        Assert.Empty(SysClassDrm.ReadAmd(Fixture.Sys("this-machine")));
    }

    [Theory]
    [InlineData("card0", 0)]
    [InlineData("card12", 12)]
    [InlineData("card0-DP-1", null)]
    [InlineData("card1-HDMI-A-1", null)]
    [InlineData("renderD128", null)]
    [InlineData("version", null)]
    [InlineData("card", null)]
    public void Card_number_should_be_read_from_card_entries_only(string entry, int? number)
    {
        Assert.Equal(number, SysClassDrm.CardNumber(entry));
    }
}
