using System.Diagnostics;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History.Items;

/// <summary>
/// Moves container and GPU buckets from the tables the writer adds to (keyed by time) to the
/// tables history is read from (keyed by host) once they ended <c>lag</c> ago, so a host's page
/// of the host-first table is written once per bucket, not once per batch. Each chunk (at most
/// <see cref="MaxChunk"/> of bucket starts) is one transaction that adds and deletes, so a
/// sample is counted in exactly one table whenever a reader looks; a late frame's sums land in
/// the recent table and are moved at the next pass, adding to the bucket already moved.
/// </summary>
public sealed class ItemBucketMover(LumenDatabase database)
{
    /// <summary>At most this span of bucket starts per transaction: a normal pass moves one bucket of every host.</summary>
    public static readonly TimeSpan MaxChunk = TimeSpan.FromHours(1);

    /// <summary>Moves every recent bucket that ended at least <paramref name="lag"/> before <paramref name="now"/> (buckets of <paramref name="bucketSize"/>).</summary>
    /// <returns>rows moved (<c>Hosts</c> is 0: the move is not per host).</returns>
    public RollupResult Move(DateTimeOffset now, TimeSpan lag, TimeSpan bucketSize, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var before = (now - lag - bucketSize).ToUnixTimeMilliseconds();
        using var connection = database.Open();
        long moved = 0;
        var chunks = 0;
        foreach (var table in ItemTable.All)
        {
            while (Oldest(connection, table) is { } from && from < before)
            {
                cancellationToken.ThrowIfCancellationRequested();
                moved += MoveChunk(connection, table, from, Math.Min(before, from + (long)MaxChunk.TotalMilliseconds));
                chunks++;
            }
        }
        return new RollupResult(0, moved, chunks, Stopwatch.GetElapsedTime(started));
    }

    private static long? Oldest(SqliteConnection connection, ItemTable table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT min(bucket_ts) FROM {table.Recent};";
        return command.ExecuteScalar() is long oldest ? oldest : null;
    }

    /// <returns>rows added to the host-first table (whether new or merged into one already there).</returns>
    private static int MoveChunk(SqliteConnection connection, ItemTable table, long from, long before)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.MoveSql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$before", before);
        var moved = command.ExecuteNonQuery();
        command.CommandText = table.DeleteMovedSql;
        command.ExecuteNonQuery();
        transaction.Commit();
        return moved;
    }
}
