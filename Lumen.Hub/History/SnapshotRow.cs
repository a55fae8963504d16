using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// The persisted part of one accepted frame, waiting for its batch: its scalar metrics in
/// catalogue order (<see cref="ScalarMetrics"/>), when it was
/// received, its durability sequence number, the host's metadata (shared, not copied) and what
/// history keeps of its containers and GPUs (<see cref="ItemReadings"/>), disks, NICs and
/// filesystems (<see cref="DeviceReadings"/>).
/// Per-core and processes are live-only and never queued.
/// </summary>
/// <remarks>
/// A class, not a struct: a 5000-row group of structs is a list on the large-object heap
/// for every batch, which costs gen-2 collections; a list of references stays small.
/// </remarks>
public sealed record SnapshotRow(HostId HostId, long Seq, long TsUnixMs, long ReceivedAtUnixMs, ReadOnlyMemory<double> Values, SystemInfo? System)
{
    /// <summary>The frame's containers as history keeps them (at most <see cref="ItemReadings.MaxContainersPerFrame"/>); null when it had none.</summary>
    public ContainerReading[]? Containers { get; init; }

    /// <summary>Containers of the frame left out of history by <see cref="ItemReadings.MaxContainersPerFrame"/>.</summary>
    public int ContainersLeftOut { get; init; }

    /// <summary>The frame's GPUs as history keeps them; null when it had none.</summary>
    public GpuReading[]? Gpus { get; init; }

    /// <summary>The frame's disks, NICs and filesystems as history keeps them (<see cref="DeviceReadings"/>); null when it had none.</summary>
    public DeviceReading[]? Disks { get; init; }

    public DeviceReading[]? Nics { get; init; }

    public FilesystemReading[]? Filesystems { get; init; }

    /// <summary>The row of an accepted frame; its scalar values are the frame's own, not a copy.</summary>
    public static SnapshotRow From(HostId hostId, long seq, IngestFrame f, DateTimeOffset receivedAt)
    {
        var (containers, leftOut) = ItemReadings.Containers(f.Containers);
        return new(hostId, seq, f.Ts.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds(), f.Scalars, f.System)
        {
            Containers = containers, ContainersLeftOut = leftOut, Gpus = ItemReadings.Gpus(f.Gpus),
            Disks = DeviceReadings.Disks(f.Disks), Nics = DeviceReadings.Nics(f.Nics), Filesystems = DeviceReadings.Filesystems(f.Filesystems),
        };
    }
}
