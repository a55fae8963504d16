using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// The persisted part of one accepted frame, waiting for its batch: its scalar metrics in
/// catalogue order (<see cref="ScalarMetrics"/>), when it was
/// received, its durability sequence number and the host's metadata (shared, not copied).
/// Lists (per-core, containers, GPUs, processes) are live-only and never queued.
/// </summary>
/// <remarks>
/// A class, not a struct: a 5000-row group of structs is a list on the large-object heap
/// for every batch, which costs gen-2 collections; a list of references stays small.
/// </remarks>
public sealed record SnapshotRow(HostId HostId, long Seq, long TsUnixMs, long ReceivedAtUnixMs, ReadOnlyMemory<double> Values, SystemInfo? System)
{
    /// <summary>The row of an accepted frame; its scalar values are the frame's own, not a copy.</summary>
    public static SnapshotRow From(HostId hostId, long seq, IngestFrame f, DateTimeOffset receivedAt) =>
        new(hostId, seq, f.Ts.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds(), f.Scalars, f.System);
}
