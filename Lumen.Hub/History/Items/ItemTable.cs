using System.Globalization;

namespace Lumen.Hub.History.Items;

/// <summary>A value summed per bucket: its column holds the sum, <c>_min</c> and <c>_max</c> the lowest and highest sample; its average is rounded to <c>Decimals</c>.</summary>
public sealed record ItemField(string Name, int Decimals = 3);

/// <summary>
/// One kind of a host's items kept per bucket of <c>downsample_bucket_size</c>: containers by
/// name, GPUs by index (with the name they last reported). Two tables of the same columns:
/// <c>Recent</c>, keyed <c>(bucket_ts, host_id, key)</c>, which <see cref="ItemBucketWriter"/>
/// adds every batch to (all hosts' newest buckets sit on a few pages), and <c>Table</c>, keyed
/// <c>(host_id, bucket_ts, key)</c> (a host's window is one range of the key), which
/// <see cref="ItemBucketMover"/> moves buckets to once they are a few minutes old. A bucket's
/// samples are in one table or split between both, never counted in both: readers add the two.
/// </summary>
public sealed record ItemTable(string Table, string Recent, string KeyColumn, string? LabelColumn, IReadOnlyList<ItemField> Fields)
{
    public static readonly ItemTable Containers = new("container_buckets", "container_recent", "name", null,
        [new("cpu_pct"), new("mem_used_bytes", Decimals: 0), new("mem_pct")]);

    public static readonly ItemTable Gpus = new("gpu_buckets", "gpu_recent", "gpu_index", "name",
        [new("util_pct"), new("mem_used_mb"), new("mem_total_mb"), new("temp_c")]);

    public static readonly IReadOnlyList<ItemTable> All = [Containers, Gpus];

    /// <summary>The parameter of the sample count; the sums, lowest and highest values follow, three per field.</summary>
    public int SamplesParameter => LabelColumn is null ? 4 : 5;

    /// <summary>Every column but the key's first two.</summary>
    private string Columns => $"{KeyColumn}, {Label(", ")}samples, {Each("{0}, {0}_min, {0}_max")}";

    /// <summary>Adds the sums of the new samples to a bucket, the label replaced by the newer one.</summary>
    private string Merge => $"""
        {(LabelColumn is null ? "" : $"{LabelColumn} = excluded.{LabelColumn}, ")}samples = samples + excluded.samples,
            {Each("{0} = {0} + excluded.{0}, {0}_min = min({0}_min, excluded.{0}_min), {0}_max = max({0}_max, excluded.{0}_max)")}
        """;

    /// <summary>Adds a batch's sums to a recent bucket (parameters: host, bucket, key, [label], samples, then sum, lowest, highest per field).</summary>
    public string UpsertSql => $"""
        INSERT INTO {Recent} (host_id, bucket_ts, {Columns})
        VALUES (?1, ?2, ?3, {(LabelColumn is null ? "" : "?4, ")}{string.Join(", ", Enumerable.Range(SamplesParameter, 1 + 3 * Fields.Count).Select(i => $"?{i}"))})
        ON CONFLICT (bucket_ts, host_id, {KeyColumn}) DO UPDATE SET {Merge};
        """;

    /// <summary>
    /// Adds the recent buckets that start in <c>[$from, $before)</c> to the host-first table, in
    /// its key order (rows of hosts removed meanwhile are not), before <see cref="DeleteMovedSql"/>
    /// deletes them from the recent table in the same transaction: every sample stays counted once.
    /// </summary>
    public string MoveSql => $"""
        INSERT INTO {Table} (host_id, bucket_ts, {Columns})
        SELECT host_id, bucket_ts, {Columns} FROM {Recent}
        WHERE bucket_ts >= $from AND bucket_ts < $before AND host_id IN (SELECT id FROM hosts)
        ORDER BY host_id, bucket_ts, {KeyColumn}
        ON CONFLICT (host_id, bucket_ts, {KeyColumn}) DO UPDATE SET {Merge};
        """;

    /// <summary>Deletes what <see cref="MoveSql"/> moved, in the same transaction.</summary>
    public string DeleteMovedSql => $"DELETE FROM {Recent} WHERE bucket_ts >= $from AND bucket_ts < $before;";

    /// <summary>
    /// One point per item and step, from both tables: key, start, samples, the label of the
    /// point's newest bucket (NULL for containers) and that bucket's start, then (from column
    /// <see cref="FirstFieldColumn"/>) average, lowest and highest per field; by key, then
    /// oldest first. Sums are multiplied by 1.0 so a column of whole numbers (bytes) is not
    /// divided as integers. The recent table is read by its bucket range and filtered by host:
    /// it holds only the last few buckets.
    /// </summary>
    public string ReadSql => $"""
        SELECT {KeyColumn}, bucket_ts - bucket_ts % $step AS point, sum(samples), {LabelColumn ?? "NULL"}, max(bucket_ts),
               {string.Join(", ", Fields.Select(f => $"round(sum({f.Name}) * 1.0 / sum(samples), {f.Decimals}), min({f.Name}_min), max({f.Name}_max)"))}
        FROM (
            SELECT bucket_ts, {Columns} FROM {Table} WHERE host_id = $host AND bucket_ts >= $from AND bucket_ts < $to
            UNION ALL
            SELECT bucket_ts, {Columns} FROM {Recent} WHERE bucket_ts >= $from AND bucket_ts < $to AND host_id = $host
        )
        GROUP BY {KeyColumn}, point
        ORDER BY {KeyColumn}, point;
        """;

    /// <summary>The column of <see cref="ReadSql"/> where the first field's average is.</summary>
    public const int FirstFieldColumn = 5;

    private string Label(string separator) => LabelColumn is null ? "" : LabelColumn + separator;

    private string Each(string format) => string.Join(", ", Fields.Select(f => string.Format(CultureInfo.InvariantCulture, format, f.Name)));
}
