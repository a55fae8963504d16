using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Ingest;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>Disk, NIC and filesystem history on a real database file through the hub's own writer: per device and bucket, as containers are kept.</summary>
public sealed class DeviceHistorySpecs : IDisposable
{
    private const double GiB = 1L << 30;
    private readonly TempDatabase _db = new();
    private readonly HostId _nas;

    public DeviceHistorySpecs() => _nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;

    public void Dispose() => _db.Dispose();

    private ItemHistoryStore Store => new(_db.Database);

    [Fact]
    public void Disk_buckets_should_keep_each_disks_average_lowest_and_highest_rates()
    {
        using (var writer = new SnapshotWriter(_db.Database))
        {
            writer.Write([WithDevices(_nas, T0, disks: [Device("sda", 1000), Device("nvme0n1", 50)]), WithDevices(_nas, T0.AddSeconds(5), disks: [Device("sda", 3000)])]);
            writer.Write([WithDevices(_nas, T0.AddSeconds(10), disks: [Device("sda", 5000)])]);
        }

        var disks = Store.ReadDisks(_nas, Window(0, 600, 300));

        Assert.Equal(["nvme0n1", "sda"], disks.Select(d => d.Name));
        var sda = disks[1].Points.Single();
        Assert.Equal((T0, 3L), (sda.Ts, sda.Samples));
        Assert.Equal((3000.0, 1000.0, 5000.0), (sda.ReadBps, sda.ReadBpsMin!.Value, sda.ReadBpsMax!.Value));
        Assert.Equal((300.0, 100.0, 500.0), (sda.WriteBps, sda.WriteBpsMin!.Value, sda.WriteBpsMax!.Value));
        var nvme = disks[0].Points.Single();
        Assert.Equal((50.0, 1L, (double?)null), (nvme.ReadBps, nvme.Samples, nvme.ReadBpsMin));
    }

    [Fact]
    public void Nic_buckets_should_keep_each_interface_per_bucket()
    {
        using (var writer = new SnapshotWriter(_db.Database))
            writer.Write([WithDevices(_nas, T0, nics: [Device("eno1", 200)]), WithDevices(_nas, T0.AddMinutes(5), nics: [Device("eno1", 400), Device("eno2", 10)])]);

        var nics = Store.ReadNics(_nas, Window(0, 600, 300));

        Assert.Equal([("eno1", 2), ("eno2", 1)], nics.Select(n => (n.Name, n.Points.Count)));
        Assert.Equal([(200.0, 20.0), (400.0, 40.0)], nics[0].Points.Select(p => (p.RxBps, p.TxBps)));
    }

    [Fact]
    public void Filesystem_buckets_should_keep_use_by_mount_point_with_the_device_it_reported_last()
    {
        using (var writer = new SnapshotWriter(_db.Database))
            writer.Write([
                WithDevices(_nas, T0, filesystems: [Filesystem("/", 40, "/dev/nvme0n1p2"), Filesystem("/srv/media", 70, "/dev/sdb")]),
                WithDevices(_nas, T0.AddSeconds(5), filesystems: [Filesystem("/", 42, "/dev/nvme0n1p2"), Filesystem("/srv/media", 71, "/dev/sdc")]),
            ]);

        var filesystems = Store.ReadFilesystems(_nas, Window(0, 300, 300));

        Assert.Equal([("/", "/dev/nvme0n1p2"), ("/srv/media", "/dev/sdc")], filesystems.Select(f => (f.Mount, f.Device)));
        var root = filesystems[0].Points.Single();
        Assert.Equal(((long)(41 * GiB), (long)(40 * GiB), (long)(42 * GiB)), (root.UsedBytes, root.UsedBytesMin!.Value, root.UsedBytesMax!.Value));
        Assert.Equal(((long)(100 * GiB), 41.0, 2L), (root.TotalBytes, root.UsedPct, root.Samples));
    }

    [Fact]
    public void A_re_sent_frame_should_add_nothing_to_its_devices()
    {
        using var writer = new SnapshotWriter(_db.Database);
        writer.Write([WithDevices(_nas, T0, disks: [Device("sda", 100)], nics: [Device("eth0", 100)], filesystems: [Filesystem("/", 10)])]);
        writer.Write([WithDevices(_nas, T0, disks: [Device("sda", 100)], nics: [Device("eth0", 100)], filesystems: [Filesystem("/", 10)])]);

        Assert.Equal(1L, Store.ReadDisks(_nas, Window(0, 300, 300)).Single().Points.Single().Samples);
        Assert.Equal(1L, Store.ReadNics(_nas, Window(0, 300, 300)).Single().Points.Single().Samples);
        Assert.Equal(1L, Store.ReadFilesystems(_nas, Window(0, 300, 300)).Single().Points.Single().Samples);
    }

    [Fact]
    public void Accepted_frame_should_keep_its_devices_in_the_agents_order_up_to_the_bound()
    {
        var frame = Frames.AfterT0(0);
        frame.Disks = [.. Enumerable.Range(0, 70).Select(i => new DiskSample { Name = $"sd{i}", ReadBps = i })];
        frame.Nics = [new NicSample { Name = "eno1", RxBps = 5, TxBps = 6 }];
        frame.Filesystems = [new FilesystemSample { Mount = "/", Device = "/dev/vda", FsType = "ext4", UsedBytes = 1, TotalBytes = 2, UsedPct = 50 }];

        var row = SnapshotRow.From(_nas, 1, frame, T0);

        Assert.Equal(DeviceReadings.MaxPerFrame, row.Disks!.Length);
        Assert.Equal(("sd0", "sd49"), (row.Disks[0].Name, row.Disks[^1].Name));
        Assert.Equal(new DeviceReading("eno1", 5, 6), Assert.Single(row.Nics!));
        Assert.Equal(new FilesystemReading("/", "/dev/vda", 1, 2, 50), Assert.Single(row.Filesystems!));
        Assert.Null(SnapshotRow.From(_nas, 2, Frames.AfterT0(5), T0).Disks);
    }
}
