using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Disk;

public sealed class ProcMountinfoSpecs
{
    private static IReadOnlyList<MountEntry> Mounts() => ProcMountinfo.Parse(Fixture.Read("mounts", "proc/self/mountinfo"));

    [Fact]
    public void Parse_should_read_device_root_mount_point_type_and_source_past_the_optional_fields()
    {
        var media = Mounts().Single(m => m.MountPoint == "/srv/media");

        Assert.Equal(new MountEntry("0:35", "/@media", "/srv/media", "btrfs", "/dev/sdb"), media);
    }

    [Fact]
    public void Parse_should_unescape_octal_spaces_in_mount_points()
    {
        Assert.Contains(Mounts(), m => m.MountPoint == "/srv/vm images" && m.Source == "/dev/mapper/vg0-vms");
    }

    [Fact]
    public void Parse_should_read_a_line_without_optional_fields()
    {
        var mount = Assert.Single(ProcMountinfo.Parse("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"));

        Assert.Equal(new MountEntry("254:0", "/", "/", "ext4", "/dev/vda"), mount);
    }

    [Fact]
    public void Parse_should_refuse_a_line_without_the_separator()
    {
        Assert.Throws<FormatException>(() => ProcMountinfo.Parse("27 1 254:0 / / rw,relatime ext4 /dev/vda rw\n"));
    }

    [Theory]
    [InlineData(@"/mnt/a\134b", @"/mnt/a\b")]
    [InlineData(@"/mnt/tab\011here", "/mnt/tab\there")]
    [InlineData(@"/mnt/not\9escape", @"/mnt/not\9escape")]
    [InlineData("/mnt/plain", "/mnt/plain")]
    public void Unescape_should_turn_octal_escapes_into_characters_and_leave_the_rest(string field, string expected)
    {
        Assert.Equal(expected, ProcMountinfo.Unescape(field));
    }
}
