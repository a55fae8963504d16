using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Disk;

public sealed class WholeDisksSpecs
{
    private static IEnumerable<string> Names(string tree) =>
        ProcDiskstats.Parse(Fixture.Read(tree, "proc/diskstats")).Select(d => d.Name);

    [Fact]
    public void Select_should_keep_only_the_virtio_disk_of_this_machine()
    {
        // loop0-7 and zram0 are in /sys/block too, but are files and memory.
        Assert.Equal(["vda"], WholeDisks.Select(Names("this-machine"), Fixture.Sys("this-machine")));
    }

    [Fact]
    public void Select_should_leave_out_partitions_md_dm_loop_and_zram()
    {
        var counted = WholeDisks.Select(Names("nas"), Fixture.Sys("nas"));

        Assert.Equal(["nvme0n1", "sda", "sdb"], counted.Order());
    }

    [Fact]
    public void Select_should_fall_back_to_name_rules_without_sys_and_agree_with_it()
    {
        var counted = WholeDisks.Select(Names("nas"), Path.Combine(Fixture.Root("nas"), "no-sys-here"));

        Assert.Equal(["nvme0n1", "sda", "sdb"], counted.Order());
    }

    [Theory]
    [InlineData("sda1", true)]
    [InlineData("xvda2", true)]
    [InlineData("nvme0n1p3", true)]
    [InlineData("mmcblk0p2", true)]
    [InlineData("sda", false)]
    [InlineData("nvme0n1", false)]
    [InlineData("mmcblk0", false)]
    [InlineData("sr0", false)]
    public void Partition_names_should_be_recognised(string name, bool partition)
    {
        Assert.Equal(partition, WholeDisks.IsPartitionByName(name));
    }
}
