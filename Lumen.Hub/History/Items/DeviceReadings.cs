using Lumen.Protocol.Ingest;

namespace Lumen.Hub.History.Items;

/// <summary>One disk or interface of a frame as history keeps it: its name and its two rates (read and write, received and sent).</summary>
public readonly record struct DeviceReading(string Name, double InBps, double OutBps);

/// <summary>One filesystem of a frame as history keeps it: its mount point (the key of its history), its device, and what is summed per bucket.</summary>
public readonly record struct FilesystemReading(string Mount, string Device, double UsedBytes, double TotalBytes, double UsedPct);

/// <summary>
/// What history keeps of a frame's disks, NICs and filesystems, taken when the frame is
/// accepted (as <see cref="ItemReadings"/> does for containers), so the batch queue holds a few
/// numbers per device.
/// </summary>
public static class DeviceReadings
{
    /// <summary>
    /// Devices of each kind kept per frame, in the agent's order: each costs a row per bucket
    /// (105,120 a year at 5 minutes), so a storage server with a shelf of disks cannot grow the
    /// archive without bound. The live view still shows every one.
    /// </summary>
    public const int MaxPerFrame = ItemReadings.MaxContainersPerFrame;

    public static DeviceReading[]? Disks(DiskSample[]? disks)
    {
        if (disks is null || disks.Length == 0) return null;
        var readings = new DeviceReading[Math.Min(disks.Length, MaxPerFrame)];
        for (var i = 0; i < readings.Length; i++)
            readings[i] = new DeviceReading(disks[i].Name, disks[i].ReadBps, disks[i].WriteBps);
        return readings;
    }

    public static DeviceReading[]? Nics(NicSample[]? nics)
    {
        if (nics is null || nics.Length == 0) return null;
        var readings = new DeviceReading[Math.Min(nics.Length, MaxPerFrame)];
        for (var i = 0; i < readings.Length; i++)
            readings[i] = new DeviceReading(nics[i].Name, nics[i].RxBps, nics[i].TxBps);
        return readings;
    }

    public static FilesystemReading[]? Filesystems(FilesystemSample[]? filesystems)
    {
        if (filesystems is null || filesystems.Length == 0) return null;
        var readings = new FilesystemReading[Math.Min(filesystems.Length, MaxPerFrame)];
        for (var i = 0; i < readings.Length; i++)
        {
            var f = filesystems[i];
            readings[i] = new FilesystemReading(f.Mount, f.Device, f.UsedBytes, f.TotalBytes, f.UsedPct);
        }
        return readings;
    }
}
