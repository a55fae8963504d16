using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Lumen.Hub.Backups.Archive;
using Lumen.Hub.Backups.Schedule;
using Lumen.Hub.Backups.Targets;
using Lumen.Hub.Storage;

namespace Lumen.Hub.Backups;

/// <summary>One backup taken: its file name, size on the target, how long it took, and the SHA-256 of the stored bytes.</summary>
public sealed record BackupResult(string Name, long SizeBytes, TimeSpan Duration, string Sha256, DateTimeOffset At);

/// <summary>
/// Takes one backup: a snapshot of the live database, gzipped and encrypted on its way to the
/// target through a pipe (nothing the size of the database is held in memory), then retention.
/// </summary>
public sealed class BackupRunner(LumenDatabase database, TimeProvider clock)
{
    /// <summary>
    /// The share of one core compressing and encrypting may take: a backup runs beside ingest on
    /// small machines, and taking longer costs nothing while a full core would cost ingest a
    /// third of its rate (bench/run.sh backup measures both).
    /// </summary>
    public const double WorkShare = 0.25;

    /// <summary>Bytes the pipe holds before the writer waits for the target to catch up.</summary>
    private const long PipeBytes = 4 * 1024 * 1024;

    public async Task<BackupResult> RunAsync(IBackupTarget target, string passphrase, CancellationToken cancel, BackupKeyCost? cost = null)
    {
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var name = BackupName.For(started);
        using var snapshot = await LowPriorityThread.RunAsync(() => DatabaseSnapshot.Take(database));

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipeBytes, resumeWriterThreshold: PipeBytes / 2, useSynchronizationContext: false));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var produce = LowPriorityThread.RunAsync(() =>
        {
            try
            {
                using (var file = new PacedStream(new FileStream(snapshot.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), WorkShare))
                using (var sink = new HashingStream(pipe.Writer.AsStream(leaveOpen: true), hash, written => size += written))
                    BackupArchive.Write(file, sink, passphrase, cost);
                pipe.Writer.Complete();
                return true;
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
                throw;
            }
        });

        try
        {
            await using var content = pipe.Reader.AsStream();
            await target.PutAsync(name, content, cancel);
        }
        finally
        {
            // The writer's own failure is the one worth reporting; the reader's is its echo.
            await produce;
        }
        return new BackupResult(name, size, stopwatch.Elapsed, Convert.ToHexStringLower(hash.GetHashAndReset()), started);
    }

    /// <summary>Deletes what <see cref="BackupRetention"/> says has expired; returns the names deleted.</summary>
    public async Task<IReadOnlyList<string>> ApplyRetentionAsync(IBackupTarget target, int retainLast, int maxAgeDays, CancellationToken cancel)
    {
        var expired = BackupRetention.Expired(await target.ListAsync(cancel), retainLast, maxAgeDays, clock.GetUtcNow());
        foreach (var entry in expired) await target.DeleteAsync(entry.Name, cancel);
        return expired.Select(entry => entry.Name).ToList();
    }
}

/// <summary>
/// A read-only stream that rests between reads so that the work done with what it hands out
/// (measured as the time until the next read) takes at most <paramref name="share"/> of the wall time.
/// </summary>
internal sealed class PacedStream(Stream inner, double share) : ReadOnlyForwardStream
{
    /// <summary>Rest owed but not yet taken: a chunk's work is well under a millisecond, too short to sleep for on its own.</summary>
    private TimeSpan _owed;
    private long _lastReturn;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_lastReturn != 0)
        {
            _owed += Stopwatch.GetElapsedTime(_lastReturn) * (1 / share - 1);
            if (_owed > TimeSpan.FromMilliseconds(20))
            {
                var slept = Stopwatch.GetTimestamp();
                Thread.Sleep(_owed);
                _owed -= Stopwatch.GetElapsedTime(slept);
            }
        }
        var read = inner.Read(buffer);
        _lastReturn = Stopwatch.GetTimestamp();
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

}

/// <summary>A write-through stream that hashes and counts what passes (the stored file's SHA-256 and size).</summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash, Action<int> counted) : WriteOnlyForwardStream
{
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        counted(buffer.Length);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

}
