namespace Lumen.Hub.History.Items;

/// <summary>A value summed per bucket: its column holds the sum, <c>_min</c> and <c>_max</c> the lowest and highest sample; its average is rounded to <c>Decimals</c>.</summary>
public sealed record ItemField(string Name, int Decimals = 3);

/// <summary>
/// A table of one kind of a host's items per bucket of <c>downsample_bucket_size</c>: containers,
/// disks and NICs by name, GPUs by index (with the name they last reported), filesystems by mount
/// point (with the device they last reported). Keyed <c>(host_id, bucket_ts,
/// key)</c>, so one host's items of one bucket sit side by side: a batch touches one page per
/// host, and a host's window is one range of the key. Written by <see cref="ItemBucketWriter"/>,
/// read by <see cref="ItemHistoryStore"/>, swept with the buckets.
/// </summary>
public sealed record ItemTable(string Table, string KeyColumn, string? LabelColumn, IReadOnlyList<ItemField> Fields)
{
    public static readonly ItemTable Containers = new("container_buckets", "name", null,
        [new("cpu_pct"), new("mem_used_bytes", Decimals: 0), new("mem_pct")]);

    public static readonly ItemTable Gpus = new("gpu_buckets", "gpu_index", "name",
        [new("util_pct"), new("mem_used_mb"), new("mem_total_mb"), new("temp_c")]);

    public static readonly ItemTable Disks = new("disk_buckets", "name", null, [new("read_bps", Decimals: 1), new("write_bps", Decimals: 1)]);

    public static readonly ItemTable Nics = new("nic_buckets", "name", null, [new("rx_bps", Decimals: 1), new("tx_bps", Decimals: 1)]);

    public static readonly ItemTable Filesystems = new("filesystem_buckets", "mount", "device",
        [new("used_bytes", Decimals: 0), new("total_bytes", Decimals: 0), new("used_pct", Decimals: 2)]);

    /// <summary>The parameter of the sample count; the sums, lowest and highest values follow, three per field.</summary>
    public int SamplesParameter => LabelColumn is null ? 4 : 5;

    /// <summary>Adds a bucket's sums (parameters: host, bucket, key, [label], samples, then sum, lowest, highest per field).</summary>
    public string UpsertSql => $"""
        INSERT INTO {Table} (host_id, bucket_ts, {KeyColumn}, {Label(", ")}samples, {Each("{0}, {0}_min, {0}_max")})
        VALUES (?1, ?2, ?3, {(LabelColumn is null ? "" : "?4, ")}{string.Join(", ", Enumerable.Range(SamplesParameter, 1 + 3 * Fields.Count).Select(i => $"?{i}"))})
        ON CONFLICT (host_id, bucket_ts, {KeyColumn}) DO UPDATE SET
            {(LabelColumn is null ? "" : $"{LabelColumn} = excluded.{LabelColumn}, ")}samples = samples + excluded.samples,
            {Each("{0} = {0} + excluded.{0}, {0}_min = min({0}_min, excluded.{0}_min), {0}_max = max({0}_max, excluded.{0}_max)")};
        """;

    /// <summary>
    /// One point per item and step: key, start, samples, the label of the point's newest bucket
    /// (NULL for containers) and that bucket's start, then (from column <see cref="FirstFieldColumn"/>) average, lowest and highest per field; by key, then oldest first. Sums are multiplied
    /// by 1.0 so a column of whole numbers (bytes) is not divided as integers.
    /// </summary>
    public string ReadSql => $"""
        SELECT {KeyColumn}, bucket_ts - bucket_ts % $step AS point, sum(samples), {LabelColumn ?? "NULL"}, max(bucket_ts),
               {string.Join(", ", Fields.Select(f => $"round(sum({f.Name}) * 1.0 / sum(samples), {f.Decimals}), min({f.Name}_min), max({f.Name}_max)"))}
        FROM {Table}
        WHERE host_id = $host AND bucket_ts >= $from AND bucket_ts < $to
        GROUP BY {KeyColumn}, point
        ORDER BY {KeyColumn}, point;
        """;

    /// <summary>The column of <see cref="ReadSql"/> where the first field's average is.</summary>
    public const int FirstFieldColumn = 5;

    private string Label(string separator) => LabelColumn is null ? "" : LabelColumn + separator;

    private string Each(string format) => string.Join(", ", Fields.Select(f => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, f.Name)));
}
