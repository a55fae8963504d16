using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>
/// Fills <c>disk_r_bps</c> and <c>disk_w_bps</c>, bytes per second summed over whole disks, and
/// <c>disks</c>, the same per disk (sent only to a hub that lists it).
/// </summary>
public sealed class DiskIoSource(string procRoot, string sysRoot) : SyncFrameSource
{
    private readonly PreviousReading<List<KeyValuePair<string, CounterPair>>> _previous = new();

    public override string Name => "disk-io";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcDiskstats.Read(procRoot) is not { } devices) return;
        var counted = WholeDisks.Select(devices.Select(d => d.Name), sysRoot);
        var current = new List<KeyValuePair<string, CounterPair>>(counted.Count);
        foreach (var d in devices)
            if (counted.Contains(d.Name)) current.Add(new(d.Name, new CounterPair(d.SectorsRead, d.SectorsWritten)));
        if (_previous.Replace(current, tick.MonotonicSeconds) is not ({ } previous, var elapsed)) return;

        const double maxSectorsPerSecond = PlausibleRates.MaxPlausibleDiskBps / DiskCounters.BytesPerSector;
        var rates = DeviceRates.Between(previous, current, elapsed, maxSectorsPerSecond);
        var disks = new DiskSample[Math.Min(rates.Count, IngestLimits.MaxDisks)];
        double read = 0, written = 0;
        for (var i = 0; i < rates.Count; i++)
        {
            var (name, sectorsRead, sectorsWritten) = rates[i];
            (read, written) = (read + sectorsRead, written + sectorsWritten);
            if (i < disks.Length)
                disks[i] = new DiskSample { Name = TextCap.Cap(name, IngestLimits.MaxDeviceNameLength), ReadBps = Bytes(sectorsRead), WriteBps = Bytes(sectorsWritten) };
        }
        frame[ScalarMetrics.DiskRBps] = Bytes(read);
        frame[ScalarMetrics.DiskWBps] = Bytes(written);
        frame.Disks = disks;
    }

    private static double Bytes(double sectorsPerSecond) => Math.Round(sectorsPerSecond * DiskCounters.BytesPerSector, 1);
}
