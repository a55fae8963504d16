using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>Snapshot rows carrying containers, GPUs, disks, NICs and filesystems, for the item history specs.</summary>
public static class ItemRows
{
    /// <summary>A container whose memory is 1 MiB × <paramref name="cpuPct"/> and whose memory share is half its CPU, so each column shows which samples it summed.</summary>
    public static ContainerReading Container(string name, double cpuPct) => new(name, cpuPct, cpuPct * 1_048_576, cpuPct / 2);

    public static SnapshotRow WithContainers(HostId host, DateTimeOffset ts, params ContainerReading[] containers) =>
        Row(host, ts, 1) with { Containers = containers };

    public static GpuReading Gpu(int index, double utilPct, string name = "RTX 3060") => new(index, name, utilPct, utilPct * 10, 12_288, 40 + utilPct / 10);

    public static SnapshotRow WithGpus(HostId host, DateTimeOffset ts, params GpuReading[] gpus) => Row(host, ts, 1) with { Gpus = gpus };

    /// <summary>A disk or interface moving <paramref name="inBps"/> one way and a tenth of it the other.</summary>
    public static DeviceReading Device(string name, double inBps) => new(name, inBps, inBps / 10);

    /// <summary>A 100 GiB filesystem with <paramref name="usedGiB"/> GiB used, as many percent.</summary>
    public static FilesystemReading Filesystem(string mount, double usedGiB, string device = "/dev/sda1") =>
        new(mount, device, usedGiB * (1L << 30), 100.0 * (1L << 30), usedGiB);

    public static SnapshotRow WithDevices(HostId host, DateTimeOffset ts, DeviceReading[]? disks = null, DeviceReading[]? nics = null, FilesystemReading[]? filesystems = null) =>
        Row(host, ts, 1) with { Disks = disks, Nics = nics, Filesystems = filesystems };
}
