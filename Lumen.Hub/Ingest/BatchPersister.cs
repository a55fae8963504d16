using System.Diagnostics;
using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Microsoft.Extensions.Logging;

namespace Lumen.Hub.Ingest;

/// <summary>How one batch ended: committed (after how many attempts), or given up at shutdown.</summary>
public sealed record BatchOutcome(int Rows, int Inserted, int Attempts, TimeSpan WriteTime, bool Persisted);

/// <summary>
/// Commits a batch and then moves each host's durability watermark. A failing write (disk
/// full, file locked or read-only) is logged and retried with a growing pause, for as long
/// as it takes: the queue fills meanwhile and ingest answers 503, so agents keep their
/// frames. Only while the hub shuts down does it give up after a few tries; those rows were
/// never reported durable, so agents send them again.
/// </summary>
public sealed class BatchPersister(SnapshotWriter writer, DurabilityLedger ledger, ILogger<BatchPersister> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);
    private const int AttemptsWhileStopping = 3;

    private volatile bool _stopping;

    /// <summary>Hosts whose frames had more containers than history keeps, already said in the log (batches are persisted one at a time).</summary>
    private readonly HashSet<HostId> _toldContainerBound = [];

    /// <summary>Said once the hub stops taking ingests: failing writes are then given up quickly.</summary>
    public void Stopping() => _stopping = true;

    public async Task<BatchOutcome> PersistAsync(IReadOnlyList<SnapshotRow> rows)
    {
        var pause = FirstPause;
        var failingSince = 0L;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // SQLite is synchronous: keep it off the stream's dispatcher threads.
                var written = await Task.Run(() => writer.Write(rows));
                foreach (var row in rows) ledger.Resolve(row.HostId, row.Seq);
                TellContainerBound(rows);
                if (attempt > 1)
                    logger.LogWarning("Writing snapshots to {Path} works again: a batch of {Rows} rows written after {Attempts} attempts over {Seconds:F0} s",
                        writer.DatabasePath, rows.Count, attempt, Stopwatch.GetElapsedTime(failingSince).TotalSeconds);
                return new BatchOutcome(rows.Count, written.Inserted, attempt, written.Elapsed, Persisted: true);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (_stopping && attempt >= AttemptsWhileStopping)
                {
                    logger.LogError(e, "Giving up on {Rows} snapshot rows at shutdown; they were never acknowledged as durable, so agents will send them again", rows.Count);
                    return new BatchOutcome(rows.Count, 0, attempt, TimeSpan.Zero, Persisted: false);
                }
                if (attempt == 1) failingSince = Stopwatch.GetTimestamp();
                LogFailure(e, rows.Count, attempt, Stopwatch.GetElapsedTime(failingSince), pause);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <summary>Once per host and hub run: a host over the bound would otherwise say so every flush.</summary>
    private void TellContainerBound(IReadOnlyList<SnapshotRow> rows)
    {
        foreach (var row in rows)
            if (row.ContainersLeftOut > 0 && _toldContainerBound.Add(row.HostId))
                logger.LogWarning("Host {HostId} reports {Containers} containers; history keeps the {Kept} busiest by CPU of each frame and leaves out the rest (the live view shows them all)",
                    row.HostId.Value, row.ContainersLeftOut + ItemReadings.MaxContainersPerFrame, ItemReadings.MaxContainersPerFrame);
    }

    /// <summary>
    /// The first failure of a streak is an error that says what is wrong and what happens
    /// meanwhile; the retries after it are one short warning each (at most one per
    /// <see cref="LongestPause"/>), so a disk full for hours does not flood the log.
    /// </summary>
    private void LogFailure(Exception e, int rows, int attempt, TimeSpan failingFor, TimeSpan pause)
    {
        if (attempt == 1)
            logger.LogError("Cannot write snapshots to {Path}: {Cause}. The live view carries on; {Rows} rows wait in memory and are retried " +
                            "with a growing pause (at most {Longest:F0} s); once the queue is full, ingest answers 503 and agents keep their frames. Error: {Reason}",
                writer.DatabasePath, WriteFailure.Cause(e), rows, LongestPause.TotalSeconds, e.Message);
        else
            logger.LogWarning("Still cannot write snapshots to {Path}: {Cause} (attempt {Attempt}, failing for {Seconds:F0} s); next try in {Pause:F1} s",
                writer.DatabasePath, WriteFailure.Cause(e), attempt, failingFor.TotalSeconds, pause.TotalSeconds);
    }
}
