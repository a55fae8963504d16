using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Disk;

public sealed class ProcDiskstatsSpecs
{
    [Fact]
    public void Parse_should_read_sectors_of_every_device_of_this_machine()
    {
        var devices = ProcDiskstats.Parse(Fixture.Read("this-machine", "proc/diskstats"));

        Assert.Equal(10, devices.Count);
        Assert.Equal(new DiskCounters("vda", 4332274, 256101496), devices.Single(d => d.Name == "vda"));
    }

    [Fact]
    public void Parse_should_read_the_14_column_format_of_old_kernels()
    {
        var old = "   8       0 sda 100 0 2048 10 50 0 4096 20 0 30 30\n";

        Assert.Equal(new DiskCounters("sda", 2048, 4096), Assert.Single(ProcDiskstats.Parse(old)));
    }

    [Fact]
    public void Parse_should_refuse_a_truncated_line()
    {
        Assert.Throws<FormatException>(() => ProcDiskstats.Parse("   8       0 sda 100 0 2048\n"));
    }
}
