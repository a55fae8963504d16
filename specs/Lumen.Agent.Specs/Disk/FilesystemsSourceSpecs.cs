using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Disk;

public sealed class FilesystemsSourceSpecs
{
    private const long GiB = 1L << 30;

    /// <summary>statvfs as the kernel would answer it for the fixture's mounts: every one 100 GiB, 40 free, 35 of them available.</summary>
    private static FilesystemSpace Space(string mountPoint) => new(100 * GiB, 40 * GiB, 35 * GiB);

    private static async Task<FilesystemSample[]> CollectAsync(FilesystemsSource source)
    {
        var frame = new IngestFrame();
        await source.CollectAsync(frame, Fixture.Tick(0), default);
        return frame.Filesystems!;
    }

    [Fact]
    public async Task Source_should_report_each_selected_filesystem_as_df_does()
    {
        var filesystems = await CollectAsync(new FilesystemsSource(Fixture.Proc("mounts"), [], Space));

        var data = Assert.Single(filesystems, fs => fs.Mount == "/srv/data");
        Assert.Equal(("/dev/sda1", "ext4"), (data.Device, data.FsType));
        Assert.Equal((60 * GiB, 100 * GiB), (data.UsedBytes, data.TotalBytes));
        Assert.Equal(63.16, data.UsedPct); // 60 / (60 + 35), as df rounds it up to 64 %
        Assert.Equal(8, filesystems.Length);
    }

    [Fact]
    public async Task Source_should_report_an_extra_path_that_is_not_a_mount_point_as_the_filesystem_holding_it()
    {
        var filesystems = await CollectAsync(new FilesystemsSource(Fixture.Proc("mounts"), ["/mnt/nas/photos"], Space));

        Assert.Contains(filesystems, fs => fs is { Mount: "/mnt/nas", Device: "192.0.2.20:/volume1/share", FsType: "nfs4" });
    }

    [Fact]
    public async Task Source_should_leave_out_a_mount_that_vanished_since_the_table_was_read()
    {
        FilesystemSpace GoneBackup(string mountPoint) =>
            mountPoint == "/srv/backup" ? throw new DriveNotFoundException("gone") : Space(mountPoint);

        var filesystems = await CollectAsync(new FilesystemsSource(Fixture.Proc("mounts"), [], GoneBackup));

        Assert.DoesNotContain(filesystems, fs => fs.Mount == "/srv/backup");
        Assert.Equal(7, filesystems.Length);
    }

    [Fact]
    public async Task Source_should_not_wait_for_a_share_whose_server_is_gone_and_report_it_once_it_answers()
    {
        using var serverBack = new ManualResetEventSlim();
        FilesystemSpace HungShare(string mountPoint)
        {
            if (mountPoint == "/mnt/nas") serverBack.Wait();
            return Space(mountPoint);
        }
        var source = new FilesystemsSource(Fixture.Proc("mounts"), ["/mnt/nas"], HungShare);

        var whileHung = await CollectAsync(source);
        serverBack.Set();
        // The background check finishes when it finishes: collect until it has, bounded, rather than guess a delay.
        var afterwards = await CollectAsync(source);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !afterwards.Any(fs => fs.Mount == "/mnt/nas") && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            afterwards = await CollectAsync(source);
        }

        Assert.DoesNotContain(whileHung, fs => fs.Mount == "/mnt/nas");
        Assert.Contains(whileHung, fs => fs.Mount == "/srv/data");
        Assert.Contains(afterwards, fs => fs.Mount == "/mnt/nas");
    }

    [Fact]
    public async Task Source_should_read_this_machines_mount_table_and_statvfs()
    {
        // "/" as an extra path: reported whatever it is (an overlay in a container).
        var root = Assert.Single(await CollectAsync(new FilesystemsSource("/proc", ["/"])), fs => fs.Mount == "/");

        var drive = new DriveInfo("/");
        Assert.Equal(drive.TotalSize, root.TotalBytes);
        Assert.InRange(root.UsedPct, 0.01, 100);
        Assert.NotEmpty(root.FsType);
    }

    [Fact]
    public async Task Source_should_report_nothing_without_a_mount_table()
    {
        using var empty = new FixtureCopy("nas");
        var frame = new IngestFrame();

        await new FilesystemsSource(empty.Proc, ["/"], Space).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Null(frame.Filesystems);
    }
}
