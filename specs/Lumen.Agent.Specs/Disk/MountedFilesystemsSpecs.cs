using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Disk;

/// <summary>
/// Which filesystems the agent reports, on the mount table of a homelab server (Fixtures/mounts):
/// two partitions of one disk, a btrfs subvolume mounted twice and another of the same
/// filesystem, a bind mount, the same device mounted twice, NFS, sshfs, tmpfs, overlay, a snap's
/// squashfs, LVM, ZFS, NTFS through fuseblk on a USB disk, a CD.
/// </summary>
public sealed class MountedFilesystemsSpecs
{
    private static readonly IReadOnlyList<MountEntry> Mounts = ProcMountinfo.Parse(Fixture.Read("mounts", "proc/self/mountinfo"));

    private static IEnumerable<string> MountPoints(params string[] extra) =>
        MountedFilesystems.Select(Mounts, extra).Select(fs => fs.MountPoint);

    [Fact]
    public void Select_should_report_each_local_disk_filesystem_once_by_default()
    {
        Assert.Equal(["/", "/boot/efi", "/srv/data", "/srv/backup", "/srv/media", "/srv/vm images", "/tank", "/media/usb"], MountPoints());
    }

    [Fact]
    public void Select_should_report_both_partitions_of_one_disk()
    {
        var selected = MountedFilesystems.Select(Mounts, []);

        Assert.Contains(selected, fs => fs is { Source: "/dev/sda1", FsType: "ext4", MountPoint: "/srv/data" });
        Assert.Contains(selected, fs => fs is { Source: "/dev/sda2", FsType: "xfs", MountPoint: "/srv/backup" });
    }

    [Fact]
    public void Select_should_count_a_btrfs_filesystem_once_however_many_of_its_subvolumes_are_mounted()
    {
        Assert.Single(MountedFilesystems.Select(Mounts, []), fs => fs.FsType == "btrfs");
        Assert.DoesNotContain("/export/media", MountPoints());
        Assert.DoesNotContain("/srv/photos", MountPoints());
    }

    [Fact]
    public void Select_should_leave_out_bind_mounts_and_a_device_mounted_twice()
    {
        Assert.DoesNotContain("/home/alice/shared", MountPoints());
        Assert.DoesNotContain("/mnt/data-again", MountPoints());
    }

    [Fact]
    public void Select_should_leave_out_network_pseudo_and_loop_filesystems_by_default()
    {
        var selected = MountPoints().ToList();

        foreach (var left in new[] { "/mnt/nas", "/mnt/cloud", "/tmp", "/run", "/proc", "/sys/fs/cgroup", "/dev", "/snap/core22/1380", "/var/lib/docker/overlay2/9f1c2e/merged", "/media/cdrom" })
            Assert.DoesNotContain(left, selected);
    }

    [Fact]
    public void Select_should_report_ntfs_on_a_local_disk_though_it_is_mounted_through_fuse()
    {
        Assert.Contains(MountedFilesystems.Select(Mounts, []), fs => fs is { MountPoint: "/media/usb", FsType: "fuseblk", Network: false });
    }

    [Fact]
    public void Select_should_report_a_zfs_pool_by_its_root_dataset_only()
    {
        Assert.Contains("/tank", MountPoints());
        Assert.DoesNotContain("/tank/backups", MountPoints());
    }

    [Fact]
    public void Select_should_add_the_filesystem_holding_an_extra_path_whatever_its_type()
    {
        var nas = Assert.Single(MountedFilesystems.Select(Mounts, ["/mnt/nas/photos/2026"]), fs => fs.MountPoint == "/mnt/nas");

        Assert.Equal(new CountedFilesystem("/mnt/nas", "192.0.2.20:/volume1/share", "nfs4", Network: true), nas);
        Assert.Contains("/tmp", MountPoints("/tmp/"));
    }

    [Fact]
    public void Select_should_not_repeat_a_filesystem_an_extra_path_lies_on_that_is_already_counted()
    {
        Assert.Equal(MountPoints(), MountPoints("/srv/data/projects", "/var/log", "/home/alice/shared", "/export/media"));
    }

    [Fact]
    public void Select_should_prefer_the_mount_of_a_filesystems_whole_tree_to_an_earlier_bind_mount_of_a_folder()
    {
        // Inside a container the host's disk can appear first as a bind of one folder.
        var mounts = ProcMountinfo.Parse("""
            1 0 0:50 / / rw - overlay overlay rw
            2 1 8:1 /var/lib/app /data rw - ext4 /dev/sda1 rw
            3 1 8:1 / /host rw - ext4 /dev/sda1 rw
            """);

        Assert.Equal(["/host"], MountedFilesystems.Select(mounts, []).Select(fs => fs.MountPoint));
    }

    [Theory]
    [InlineData("/srv/data/projects/2026", "/srv/data")]
    [InlineData("/srv/database", "/")]
    [InlineData("/", "/")]
    [InlineData("/tank/backups/", "/tank/backups")]
    public void Containing_should_find_the_deepest_mount_above_a_path(string path, string mountPoint)
    {
        Assert.Equal(mountPoint, MountedFilesystems.Containing(Mounts, path)?.MountPoint);
    }
}
