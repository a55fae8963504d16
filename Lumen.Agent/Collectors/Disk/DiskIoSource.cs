using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>Fills <c>disk_r_bps</c> and <c>disk_w_bps</c>: bytes per second summed over whole disks.</summary>
public sealed class DiskIoSource(string procRoot, string sysRoot) : SyncFrameSource
{
    private readonly PreviousReading<Counters> _previous = new();

    public override string Name => "disk-io";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcDiskstats.Read(procRoot) is not { } devices) return;
        var counted = WholeDisks.Select(devices.Select(d => d.Name), sysRoot);
        var disks = devices.Where(d => counted.Contains(d.Name)).ToList();
        var current = new Counters(
            disks.ToDictionary(d => d.Name, d => d.SectorsRead),
            disks.ToDictionary(d => d.Name, d => d.SectorsWritten));
        if (_previous.Replace(current, tick.MonotonicSeconds) is not ({ } previous, var elapsed)) return;

        const double maxSectorsPerSecond = PlausibleRates.MaxPlausibleDiskBps / DiskCounters.BytesPerSector;
        var read = CounterDelta.SumPerSecond(previous.Read, current.Read, elapsed, maxSectorsPerSecond);
        var written = CounterDelta.SumPerSecond(previous.Written, current.Written, elapsed, maxSectorsPerSecond);
        frame[ScalarMetrics.DiskRBps] = Math.Round(read * DiskCounters.BytesPerSector, 1);
        frame[ScalarMetrics.DiskWBps] = Math.Round(written * DiskCounters.BytesPerSector, 1);
    }

    private sealed record Counters(IReadOnlyDictionary<string, ulong> Read, IReadOnlyDictionary<string, ulong> Written);
}
