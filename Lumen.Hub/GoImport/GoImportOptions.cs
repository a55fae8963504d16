namespace Lumen.Hub.GoImport;

/// <summary>
/// How to import: <paramref name="HistoryDays"/> keeps only the last N days of snapshots (null:
/// all); <paramref name="Merge"/> allows a hub that already has hosts of its own (a Go host whose
/// name is taken here is then left out, with its history, and reported).
/// </summary>
public sealed record GoImportOptions(int? HistoryDays = null, bool Merge = false)
{
    /// <summary>Where "now" comes from: the <c>--history-days</c> cutoff, and the time given to rows the Go file has no readable time for.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Snapshot rows per write transaction: big enough to be fast, small enough that a running hub's own writer never waits long.</summary>
    public int SnapshotBatchRows { get; init; } = 50_000;
}
