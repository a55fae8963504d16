using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.History;

/// <summary>
/// The persisted part of one accepted frame, waiting for its batch: the scalars, when it was
/// received, its durability sequence number and the host's metadata (shared, not copied).
/// Lists (per-core, containers, GPUs, processes) are live-only and never queued.
/// </summary>
/// <remarks>
/// A class, not a struct: a 5000-row group of structs is a list on the large-object heap
/// for every batch, which costs gen-2 collections; a list of references stays small.
/// </remarks>
public sealed record SnapshotRow(
    HostId HostId, long Seq, long TsUnixMs, long ReceivedAtUnixMs,
    double CpuPct, double RamPct, double SwapPct, double DiskPct,
    double Load1, double Load5, double Load15,
    double NetRxBps, double NetTxBps, double DiskRBps, double DiskWBps, double TempC,
    SystemInfo? System)
{
    public static SnapshotRow From(HostId hostId, long seq, IngestFrame f, DateTimeOffset receivedAt) => new(
        hostId, seq, f.Ts.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds(),
        f.CpuPct, f.RamPct, f.SwapPct, f.DiskPct, f.Load1, f.Load5, f.Load15,
        f.NetRxBps, f.NetTxBps, f.DiskRBps, f.DiskWBps, f.TempC, f.System);
}
