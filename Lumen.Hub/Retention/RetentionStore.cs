using Lumen.Hub.History;
using Lumen.Hub.Storage;

namespace Lumen.Hub.Retention;

/// <summary>What a retention sweep removed: raw rows, per-minute rows, buckets and hours, and container and GPU buckets.</summary>
public sealed record SweepResult(long RowsDeleted, int Chunks, TimeSpan Elapsed, long MinutesDeleted = 0, long BucketsDeleted = 0, long HoursDeleted = 0, long ItemBucketsDeleted = 0)
{
    public static readonly SweepResult Nothing = new(0, 0, TimeSpan.Zero);
}

/// <summary>
/// Where each tier is cut: raw rows and their per-minute sums before <c>Raw</c>
/// (<c>retention_window</c> ago), buckets, hours and container and GPU buckets before <c>Archive</c>
/// (<c>downsample_archive_window</c> ago); null keeps that tier whole.
/// </summary>
public sealed record TierCutoffs(DateTimeOffset? Raw, DateTimeOffset? Archive);

/// <summary>
/// Deletes history older than each tier's cutoff, host by host, in chunks of at most
/// <see cref="ChunkRows"/> rows, each its own short transaction, so ingest batches interleave.
/// Nothing is deleted that the next tier has not summed yet: raw rows go only up to where the
/// host's minutes are summed, minutes only up to where its buckets are, so a rollup that
/// stalls (or a cutoff shorter than its lag) makes history wait, never lose a sample.
/// </summary>
public sealed class RetentionStore(LumenDatabase database)
{
    public const int ChunkRows = 5000;

    /// <summary>Raw rows and their minutes only: buckets stay.</summary>
    public SweepResult Sweep(DateTimeOffset rawCutoff, CancellationToken cancellationToken = default) =>
        Sweep(new TierCutoffs(rawCutoff, null), cancellationToken);

    public SweepResult Sweep(TierCutoffs cutoffs, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var connection = database.Open();
        long deleted = 0, minutes = 0, buckets = 0, hours = 0, items = 0;
        var chunks = 0;
        foreach (var host in Hosts(connection))
        {
            if (cutoffs.Raw is { } raw)
            {
                var rawBefore = Math.Min(raw.ToUnixTimeMilliseconds(), host.MinutesUntil);
                int removed;
                do
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    removed = SnapshotChunks.DeleteOlderThan(connection, host.Id, rawBefore, ChunkRows);
                    deleted += removed;
                    if (removed > 0) chunks++;
                } while (removed == ChunkRows);
                // A minute the cutoff cuts through keeps its row: for up to a minute the rollup
                // holds a little more than the raw rows do, never less.
                var minutesBefore = Math.Min(raw.ToUnixTimeMilliseconds() - TierSums.MinuteMs + 1, Math.Min(host.BucketsUntil, host.HoursUntil));
                minutes += SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Minutes, host.Id, minutesBefore, ChunkRows);
            }
            if (cutoffs.Archive is { } archive)
            {
                buckets += SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Buckets, host.Id,
                    archive.ToUnixTimeMilliseconds() - host.BucketMs + 1, ChunkRows);
                hours += SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Hours, host.Id,
                    archive.ToUnixTimeMilliseconds() - (long)CoarseTier.HourSize.TotalMilliseconds + 1, ChunkRows);
                // Written by the batcher, not summed from a finer tier: nothing to wait for. A bucket the cutoff cuts through stays, as above.
                foreach (var tier in SnapshotChunks.Tier.Items)
                    items += SnapshotChunks.DeleteTierRowsBefore(connection, tier, host.Id, archive.ToUnixTimeMilliseconds() - host.BucketMs + 1, ChunkRows);
            }
        }
        return new SweepResult(deleted, chunks, System.Diagnostics.Stopwatch.GetElapsedTime(started), minutes, buckets, hours, items);
    }

    /// <summary>A host and where its tiers stand (<see cref="long.MinValue"/> where a tier has not started).</summary>
    private sealed record HostMarks(long Id, long MinutesUntil, long BucketsUntil, long BucketMs, long HoursUntil);

    private static List<HostMarks> Hosts(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT h.id, m.until_ms, b.until_ms, b.bucket_ms, o.until_ms
            FROM hosts h
            LEFT JOIN snapshot_minutes_until m ON m.host_id = h.id
            LEFT JOIN snapshot_buckets_until b ON b.host_id = h.id
            LEFT JOIN snapshot_hours_until o ON o.host_id = h.id
            ORDER BY h.id;
            """;
        using var reader = command.ExecuteReader();
        var hosts = new List<HostMarks>();
        while (reader.Read())
            hosts.Add(new HostMarks(reader.GetInt64(0),
                reader.IsDBNull(1) ? long.MinValue : reader.GetInt64(1),
                reader.IsDBNull(2) ? long.MinValue : reader.GetInt64(2),
                reader.IsDBNull(3) ? TierSums.MinuteMs : reader.GetInt64(3),
                reader.IsDBNull(4) ? long.MinValue : reader.GetInt64(4)));
        return hosts;
    }

    /// <summary>
    /// Deletes alert events resolved before <paramref name="cutoff"/>, in chunks; firing ones stay
    /// whatever their age. The delivery log goes with them: rows created before the cutoff that
    /// are done (sent, failed or dropped); a row still waiting to go stays.
    /// </summary>
    /// <returns>the events deleted.</returns>
    public long SweepAlertEvents(DateTimeOffset cutoff)
    {
        using var connection = database.Open();
        var deleted = DeleteInChunks(connection, """
            DELETE FROM alert_events WHERE id IN
                (SELECT id FROM alert_events WHERE state = 'resolved' AND resolved_at < $cutoff LIMIT $chunk);
            """, cutoff);
        DeleteInChunks(connection, """
            DELETE FROM notification_deliveries WHERE id IN
                (SELECT id FROM notification_deliveries WHERE status IN ('sent', 'failed', 'dropped') AND created_at < $cutoff LIMIT $chunk);
            """, cutoff);
        return deleted;
    }

    private static long DeleteInChunks(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, DateTimeOffset cutoff)
    {
        long deleted = 0;
        int removed;
        do
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$chunk", ChunkRows);
            removed = command.ExecuteNonQuery();
            deleted += removed;
        } while (removed == ChunkRows);
        return deleted;
    }
}
