using System.Diagnostics;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History;

/// <summary>A tier summed from the minutes: its table and the table of each host's mark (with the size it sums at).</summary>
public sealed record CoarseTier(string Table, string UntilTable)
{
    /// <summary>The archive's buckets, of <c>downsample_bucket_size</c>.</summary>
    public static readonly CoarseTier Buckets = new("snapshot_buckets", "snapshot_buckets_until");

    /// <summary>
    /// Hours, whatever the bucket size: a year's chart at 3-day points reads 8,760 of them per
    /// host instead of 105,120 five-minute buckets (~2.4 µs a row on the benchmark machine).
    /// </summary>
    public static readonly CoarseTier Hours = new("snapshot_hours", "snapshot_hours_until");

    public static readonly TimeSpan HourSize = TimeSpan.FromHours(1);
}

/// <summary>
/// Sums each host's per-minute rollup into the rows of a coarse tier (<see cref="CoarseTier"/>:
/// <c>snapshot_buckets</c> of <c>downsample_bucket_size</c>, <c>snapshot_hours</c>), from
/// where the host's rows stand (the tier's mark) up to the last whole bucket its minutes cover. Each chunk is
/// one short transaction that also moves the host's mark, so a minute is summed here once, and
/// a row stored later for a bucket already summed is added by <see cref="SnapshotWriter"/>.
/// </summary>
/// <remarks>
/// Buckets are aligned to multiples of their size since the epoch. After the size changes,
/// buckets are summed at the new size from the mark on; the first one starts at the mark, so
/// it is shorter when the mark is not on the new size's boundary. Buckets already summed keep
/// their size: every reader groups rows by their start, so any mix of sizes reads right.
/// </remarks>
public sealed class BucketRollupStore(LumenDatabase database, CoarseTier tier)
{
    /// <summary>The archive's buckets (<c>downsample_bucket_size</c>).</summary>
    public BucketRollupStore(LumenDatabase database) : this(database, CoarseTier.Buckets) { }

    /// <summary>At most this much of one host's minutes per transaction (or one bucket, when that is longer).</summary>
    public static readonly TimeSpan MaxChunk = TimeSpan.FromDays(2);

    public CoarseTier Tier => tier;

    private readonly string _sumChunkSql = $"""
        INSERT INTO {tier.Table} (host_id, bucket_ts, samples, {ScalarColumns.TierNames})
        SELECT host_id, max($from, minute_ts - (minute_ts % $size + $size) % $size), sum(samples), {ScalarColumns.TierOfTiers}
        FROM snapshot_minutes
        WHERE host_id = $host AND minute_ts >= $from AND minute_ts < $to AND EXISTS (SELECT 1 FROM hosts WHERE id = $host)
        GROUP BY 2
        {AddToBucket};
        """;

    /// <summary>Adds to a bucket that already has a row (the writer's late rows, or the start of a bucket cut by a size change).</summary>
    internal static readonly string AddToBucket = $"""
        ON CONFLICT (host_id, bucket_ts) DO UPDATE SET
            samples = samples + excluded.samples, {ScalarColumns.MergeExcluded}
        """;

    private readonly string _markSql = $"""
        INSERT INTO {tier.UntilTable} (host_id, until_ms, bucket_ms)
        SELECT $host, $to, $size WHERE EXISTS (SELECT 1 FROM hosts WHERE id = $host)
        ON CONFLICT (host_id) DO UPDATE SET until_ms = excluded.until_ms, bucket_ms = excluded.bucket_ms;
        """;

    /// <summary>Sums every host's minutes, up to where its minutes are summed, into buckets of <paramref name="bucketSize"/>.</summary>
    public RollupResult RollUp(TimeSpan bucketSize, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var size = (long)bucketSize.TotalMilliseconds;
        using var connection = database.Open();
        long buckets = 0;
        var chunks = 0;
        var hosts = Hosts(connection, tier);
        foreach (var (host, minutesUntil, bucketsUntil, oldestMinute) in hosts)
        {
            var target = TierSums.SlotOf(minutesUntil, size);
            var from = bucketsUntil ?? TierSums.SlotOf(oldestMinute ?? target, size);
            while (from < target)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = TierSums.SlotOf(from + Math.Max((long)MaxChunk.TotalMilliseconds, size), size);
                var to = Math.Min(target, next > from ? next : TierSums.SlotOf(from, size) + size);
                buckets += SumChunk(connection, host, from, to, size);
                chunks++;
                from = to;
            }
        }
        return new RollupResult(hosts.Count, buckets, chunks, Stopwatch.GetElapsedTime(started));
    }

    /// <returns>buckets written: the chunk's buckets and the host's new mark commit together.</returns>
    private int SumChunk(SqliteConnection connection, HostId host, long from, long to, long size) =>
        MinuteRollupStore.SumChunkWithMark(connection, _sumChunkSql, _markSql, host, from, to, size);

    /// <summary>Hosts whose minutes have a mark, with where their buckets stand and their oldest minute.</summary>
    private static List<(HostId Host, long MinutesUntil, long? BucketsUntil, long? OldestMinute)> Hosts(SqliteConnection connection, CoarseTier tier)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m.host_id, m.until_ms, b.until_ms,
                   (SELECT min(minute_ts) FROM snapshot_minutes WHERE host_id = m.host_id)
            FROM snapshot_minutes_until m
            JOIN hosts h ON h.id = m.host_id
            LEFT JOIN {tier.UntilTable} b ON b.host_id = m.host_id
            ORDER BY m.host_id;
            """;
        using var reader = command.ExecuteReader();
        var hosts = new List<(HostId, long, long?, long?)>();
        while (reader.Read())
            hosts.Add((new HostId(reader.GetInt64(0)), reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        return hosts;
    }
}
