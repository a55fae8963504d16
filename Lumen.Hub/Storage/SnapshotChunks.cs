using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Storage;

/// <summary>
/// Deletes a host's old snapshot rows a bounded chunk at a time: each statement is a short
/// range delete on the (host_id, ts) key, so the batcher's next transaction waits
/// milliseconds, not the length of a whole sweep.
/// </summary>
public static class SnapshotChunks
{
    private const long MinuteMs = 60_000;

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

    /// <summary>
    /// Deletes, a chunk at a time, the host's per-minute rollup rows of minutes that end at or
    /// before the cutoff. A minute the cutoff cuts through keeps its rollup row, so for up to a
    /// minute the rollup holds a little more than the raw rows do; it never holds less.
    /// </summary>
    public static void DeleteMinutesOlderThan(SqliteConnection connection, long hostId, long cutoffUnixMs, int chunkRows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM snapshot_minutes
            WHERE host_id = $host AND minute_ts <= $last_minute AND minute_ts <= coalesce(
                (SELECT minute_ts FROM snapshot_minutes WHERE host_id = $host AND minute_ts <= $last_minute
                 ORDER BY minute_ts LIMIT 1 OFFSET $last),
                $last_minute);
            """;
        command.Parameters.AddWithValue("$host", hostId);
        command.Parameters.AddWithValue("$last_minute", cutoffUnixMs - MinuteMs);
        command.Parameters.AddWithValue("$last", chunkRows - 1);
        while (command.ExecuteNonQuery() == chunkRows) { }
    }
}
