using System.Diagnostics;
using System.Threading.Channels;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;

namespace Lumen.Hub.GoImport;

/// <summary>
/// The history: every kept Go snapshot row written by this hub's own <see cref="SnapshotWriter"/>
/// (prepared statements, one transaction per batch, a row already here ignored by its
/// (host, ts) key), so what the history tiers need happens as for any frame: rows of a host
/// whose tiers have not reached them yet are summed by the rollup (which starts a new host at
/// its oldest row, and which retention waits for before it deletes a raw row), and rows below
/// a host's marks are added to its minutes, buckets and hours here. Reading the Go file and
/// writing this one run side by side, a batch apart.
/// </summary>
/// <remarks>
/// One transaction per batch rather than one for the whole history: a running hub's batcher
/// must get the write lock within its busy timeout. A failure part-way leaves whole batches;
/// running the import again adds the rest, the key ignoring what is there.
/// </remarks>
internal static class SnapshotImport
{
    /// <returns>rows written per second.</returns>
    public static double Run(GoSource source, LumenDatabase database, IReadOnlyDictionary<string, HostId> hosts, GoImportOptions options, GoImportTally tally)
    {
        var keepFrom = options.HistoryDays is { } days ? options.Clock.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds() : (long?)null;
        var reader = new GoSnapshotReader(source, hosts, keepFrom);
        var batches = Channel.CreateBounded<List<SnapshotRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in reader.Read(options.SnapshotBatchRows)) await batches.Writer.WriteAsync(batch, stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        });

        long inserted = 0, already = 0;
        try
        {
            using var writer = new SnapshotWriter(database);
            while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (batches.Reader.TryRead(out var batch))
                {
                    var written = writer.Write(batch);
                    inserted += written.Inserted;
                    already += written.Rows - written.Inserted;
                }
        }
        catch
        {
            // The reader may be waiting for room in the channel: release it before the failure goes up.
            stop.Cancel();
            reading.ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
            throw;
        }
        reading.GetAwaiter().GetResult();
        var elapsed = Stopwatch.GetElapsedTime(started);

        var left = reader.LeftOut;
        tally.Count("snapshots", inserted, already, left.OfHostsNotImported + left.OlderThanKept + left.UnreadableTime);
        if (left.OfHostsNotImported > 0) tally.Note($"snapshots: {left.OfHostsNotImported:N0} row(s) of hosts not imported (deleted in the Go hub, or left out above)");
        if (left.OlderThanKept > 0) tally.Note($"snapshots: {left.OlderThanKept:N0} row(s) older than --history-days {options.HistoryDays} left out");
        if (left.UnreadableTime > 0) tally.Note($"snapshots: {left.UnreadableTime:N0} row(s) whose ts is not a time left out");
        return inserted + already == 0 ? 0 : (inserted + already) / elapsed.TotalSeconds;
    }
}
