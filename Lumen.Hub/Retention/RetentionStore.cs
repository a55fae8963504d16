using Lumen.Hub.Storage;

namespace Lumen.Hub.Retention;

/// <summary>What a retention sweep removed.</summary>
public sealed record SweepResult(long RowsDeleted, int Chunks, TimeSpan Elapsed)
{
    public static readonly SweepResult Nothing = new(0, 0, TimeSpan.Zero);
}

/// <summary>
/// Deletes snapshots older than a cutoff, host by host, in chunks of at most
/// <see cref="ChunkRows"/> rows, each its own short transaction, so ingest batches interleave;
/// then the host's per-minute rollup rows of the minutes wholly before the cutoff.
/// </summary>
public sealed class RetentionStore(LumenDatabase database)
{
    public const int ChunkRows = 5000;

    public SweepResult Sweep(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var connection = database.Open();
        var hosts = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM hosts;";
            using var reader = command.ExecuteReader();
            while (reader.Read()) hosts.Add(reader.GetInt64(0));
        }

        long deleted = 0;
        var chunks = 0;
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        foreach (var host in hosts)
        {
            int removed;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                removed = SnapshotChunks.DeleteOlderThan(connection, host, cutoffMs, ChunkRows);
                deleted += removed;
                if (removed > 0) chunks++;
            } while (removed == ChunkRows);
            SnapshotChunks.DeleteMinutesOlderThan(connection, host, cutoffMs, ChunkRows);
        }
        return new SweepResult(deleted, chunks, System.Diagnostics.Stopwatch.GetElapsedTime(started));
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
