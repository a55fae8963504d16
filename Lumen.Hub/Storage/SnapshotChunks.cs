using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Storage;

/// <summary>
/// Deletes a host's old snapshot rows a bounded chunk at a time: each statement is a short
/// range delete on the (host_id, ts) key, so the batcher's next transaction waits
/// milliseconds, not the length of a whole sweep.
/// </summary>
public static class SnapshotChunks
{
    /// <returns>rows deleted by this one chunk; 0 when nothing older is left.</returns>
    public static int DeleteOlderThan(SqliteConnection connection, long hostId, long cutoffUnixMs, int chunkRows)
    {
        using var command = connection.CreateCommand();
        // The chunk ends at the chunkRows-th oldest row below the cutoff (or the cutoff itself).
        command.CommandText = """
            DELETE FROM snapshots
            WHERE host_id = $host AND ts < $cutoff AND ts <= coalesce(
                (SELECT ts FROM snapshots WHERE host_id = $host AND ts < $cutoff ORDER BY ts LIMIT 1 OFFSET $last),
                $cutoff);
            """;
        command.Parameters.AddWithValue("$host", hostId);
        command.Parameters.AddWithValue("$cutoff", cutoffUnixMs);
        command.Parameters.AddWithValue("$last", chunkRows - 1);
        return command.ExecuteNonQuery();
    }

    /// <summary>A history tier's table and the column its rows start at.</summary>
    public sealed record Tier(string Table, string SlotColumn)
    {
        public static readonly Tier Minutes = new("snapshot_minutes", "minute_ts");
        public static readonly Tier Buckets = new("snapshot_buckets", "bucket_ts");
        public static readonly Tier Hours = new("snapshot_hours", "bucket_ts");
        public static readonly Tier ContainerBuckets = new("container_buckets", "bucket_ts");
        public static readonly Tier GpuBuckets = new("gpu_buckets", "bucket_ts");
        public static readonly Tier DiskBuckets = new("disk_buckets", "bucket_ts");
        public static readonly Tier NicBuckets = new("nic_buckets", "bucket_ts");
        public static readonly Tier FilesystemBuckets = new("filesystem_buckets", "bucket_ts");

        /// <summary>The per-item tables the batcher writes (containers, GPUs, disks, NICs, filesystems), swept with the buckets.</summary>
        public static readonly Tier[] Items = [ContainerBuckets, GpuBuckets, DiskBuckets, NicBuckets, FilesystemBuckets];
    }

    /// <summary>
    /// Deletes, a chunk at a time, the host's rows of <paramref name="tier"/> that start before
    /// <paramref name="beforeUnixMs"/>.
    /// </summary>
    /// <returns>rows deleted.</returns>
    public static long DeleteTierRowsBefore(SqliteConnection connection, Tier tier, long hostId, long beforeUnixMs, int chunkRows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM {tier.Table}
            WHERE host_id = $host AND {tier.SlotColumn} < $before AND {tier.SlotColumn} <= coalesce(
                (SELECT {tier.SlotColumn} FROM {tier.Table} WHERE host_id = $host AND {tier.SlotColumn} < $before
                 ORDER BY {tier.SlotColumn} LIMIT 1 OFFSET $last),
                $before);
            """;
        command.Parameters.AddWithValue("$host", hostId);
        command.Parameters.AddWithValue("$before", beforeUnixMs);
        command.Parameters.AddWithValue("$last", chunkRows - 1);
        long deleted = 0;
        int removed;
        while ((removed = command.ExecuteNonQuery()) > 0) deleted += removed;
        return deleted;
    }
}
