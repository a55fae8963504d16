using System.Globalization;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Lumen.Protocol.Metrics;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History;

/// <summary>
/// Reads a host's history as one point per bucket: the average of every sample in it, how
/// many, and each metric's lowest and highest sample. SQLite sums each bucket; which tier it
/// reads follows the window (<see cref="HistoryWindow.Tier"/>): steps in whole hours sum the hours,
/// other steps in whole buckets the buckets, for the time they are summed, then the per-minute rollup, then raw rows for the rest
/// (the last few minutes, the bucket <c>to</c> cuts through); other steps of whole minutes sum
/// minutes and raw rows; shorter steps read raw rows. The tiers meet at their marks, read in the
/// same statement, so every sample counts once. The frames the hub accepted and has not
/// committed yet, handed in by the caller, are added to their buckets (<see cref="BucketSums"/>),
/// each once, and every bucket is divided once. Every part reads only the host's key range.
/// </summary>
public sealed class HistoryStore(LumenDatabase database)
{
    /// <summary>Where a coarse tier's part ends: at the host's mark, and never past the last whole step before <c>to</c>.</summary>
    private static string CoarseEnd(CoarseTier tier) =>
        $"min($step_split, coalesce((SELECT until_ms FROM {tier.UntilTable} WHERE host_id = $host), $from))";

    /// <summary>
    /// Where the rollup's part ends: the host's minutes are summed up to its mark, and the raw
    /// rows must supply the rest (the last few minutes, the minute <c>to</c> cuts through, and
    /// everything while a catch-up is still under way). Never before a coarse tier's end.
    /// </summary>
    private static string MinuteEnd(string coarseEnd) =>
        $"max({coarseEnd}, min($split, coalesce((SELECT until_ms FROM snapshot_minutes_until WHERE host_id = $host), $from)))";

    /// <summary>Sums, not averages: <see cref="BucketSums"/> adds the unflushed frames, then divides.</summary>
    private static readonly string PointColumns = $"bucket, sum(samples), {ScalarColumns.TierOfTiers}";

    /// <summary>A coarse tier's rows (buckets or hours), minutes and raw rows, each for its own stretch of the window.</summary>
    private static string CoarseSql(CoarseTier tier) => $"""
        SELECT {PointColumns}
        FROM (
            SELECT bucket_ts - bucket_ts % $step AS bucket, samples, {ScalarColumns.TierNames}
            FROM {tier.Table}
            WHERE host_id = $host AND bucket_ts >= $from AND bucket_ts < {CoarseEnd(tier)}
            UNION ALL
            SELECT minute_ts - minute_ts % $step, samples, {ScalarColumns.TierNames}
            FROM snapshot_minutes
            WHERE host_id = $host AND minute_ts >= max($from, {CoarseEnd(tier)}) AND minute_ts < {MinuteEnd(CoarseEnd(tier))}
            UNION ALL
            SELECT ts - ts % $step, 1, {ScalarColumns.RawAsTier}
            FROM snapshots
            WHERE host_id = $host AND ts >= max($from, {MinuteEnd(CoarseEnd(tier))}) AND ts < $to
        )
        GROUP BY bucket
        ORDER BY bucket;
        """;

    internal static readonly string BucketsSql = CoarseSql(CoarseTier.Buckets);

    internal static readonly string HoursSql = CoarseSql(CoarseTier.Hours);

    /// <summary>Sums per bucket over rollup minutes and raw rows alike.</summary>
    internal static readonly string MinutesSql = $"""
        SELECT {PointColumns}
        FROM (
            SELECT minute_ts - minute_ts % $step AS bucket, samples, {ScalarColumns.TierNames}
            FROM snapshot_minutes
            WHERE host_id = $host AND minute_ts >= $from AND minute_ts < {MinuteEnd(CoarseEnd(CoarseTier.Buckets))}
            UNION ALL
            SELECT ts - ts % $step, 1, {ScalarColumns.RawAsTier}
            FROM snapshots
            WHERE host_id = $host AND ts >= max($from, {MinuteEnd(CoarseEnd(CoarseTier.Buckets))}) AND ts < $to
        )
        GROUP BY bucket
        ORDER BY bucket;
        """;

    internal static readonly string RawSql = $"""
        SELECT ts - ts % $step AS bucket, count(*), {ScalarColumns.TierOfRaw}
        FROM snapshots
        WHERE host_id = $host AND ts >= $from AND ts < $to
        GROUP BY bucket
        ORDER BY bucket;
        """;

    /// <summary>Which of the given times the host has a stored row at: rows are unique on (host, ts), so that row is the frame.</summary>
    private const string StoredAmongSql = """
        SELECT ts FROM snapshots
        WHERE host_id = $host AND ts IN (SELECT value FROM json_each($times));
        """;

    /// <returns>the host's name, or null when no host has this id.</returns>
    public string? HostName(HostId host)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM hosts WHERE id = $id;";
        command.Parameters.AddWithValue("$id", host.Value);
        return command.ExecuteScalar() as string;
    }

    /// <summary>
    /// The points of every non-empty bucket of the window, oldest first, over the stored rows and
    /// <paramref name="unflushed"/> (the host's frames in the window not committed when the
    /// caller asked, oldest first, one per ts), which must be taken before this runs. A frame
    /// committed and let go of before then is not among them and is read as stored; one committed
    /// since is in both, and is looked up in the same read transaction as the sums (one snapshot
    /// of the file), so it counts once, as stored; one committed after the sums' snapshot was
    /// taken counts from memory.
    /// </summary>
    public IReadOnlyList<MetricsPoint> Read(HostId host, HistoryWindow window, IReadOnlyList<UnflushedFrame>? unflushed = null)
    {
        using var connection = database.Open();
        // Deferred: a read transaction, which never waits on the batcher's writes (WAL).
        using var transaction = unflushed is { Count: > 0 } ? connection.BeginTransaction(deferred: true) : null;
        var pending = transaction is null ? [] : BucketSums.Of(NotStored(connection, transaction, host, unflushed!), window.StepMs);

        using var command = Command(connection, host, window);
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var points = new List<MetricsPoint>((int)Math.Min(window.Buckets, HistoryWindow.MaxPoints));
        var bucket = new BucketSums();
        var next = 0;
        while (reader.Read())
        {
            bucket.Load(reader);
            for (; next < pending.Count && pending[next].StartMs <= bucket.StartMs; next++)
            {
                if (pending[next].StartMs == bucket.StartMs) bucket.Add(pending[next]);
                else points.Add(pending[next].ToPoint());
            }
            points.Add(bucket.ToPoint());
        }
        for (; next < pending.Count; next++) points.Add(pending[next].ToPoint());
        return points;
    }

    public Task<IReadOnlyList<MetricsPoint>> ReadAsync(HostId host, HistoryWindow window, IReadOnlyList<UnflushedFrame>? unflushed = null) =>
        Task.Run(() => Read(host, window, unflushed));

    /// <summary>The frames SQLite does not hold yet, as the transaction sees the file.</summary>
    private static List<UnflushedFrame> NotStored(SqliteConnection connection, SqliteTransaction transaction, HostId host, IReadOnlyList<UnflushedFrame> frames)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = StoredAmongSql;
        command.Parameters.AddWithValue("$host", host.Value);
        command.Parameters.AddWithValue("$times", "[" + string.Join(',', frames.Select(frame => frame.TsUnixMs.ToString(CultureInfo.InvariantCulture))) + "]");
        using var reader = command.ExecuteReader();
        var stored = new HashSet<long>();
        while (reader.Read()) stored.Add(reader.GetInt64(0));
        return [.. frames.Where(frame => !stored.Contains(frame.TsUnixMs))];
    }

    public Task<string?> HostNameAsync(HostId host) => Task.Run(() => HostName(host));

    /// <summary>SQLite's <c>EXPLAIN QUERY PLAN</c> for the query <see cref="Read"/> runs, one line per step.</summary>
    public IReadOnlyList<string> ExplainQueryPlan(HostId host, HistoryWindow window)
    {
        using var connection = database.Open();
        using var command = Command(connection, host, window);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return lines;
    }

    private static SqliteCommand Command(SqliteConnection connection, HostId host, HistoryWindow window)
    {
        var command = connection.CreateCommand();
        command.CommandText = window.Tier switch
        {
            HistoryTier.Hours => HoursSql,
            HistoryTier.Buckets => BucketsSql,
            HistoryTier.Minutes => MinutesSql,
            _ => RawSql,
        };
        command.Parameters.AddWithValue("$host", host.Value);
        command.Parameters.AddWithValue("$from", window.FromMs);
        command.Parameters.AddWithValue("$to", window.ToMs);
        command.Parameters.AddWithValue("$step", window.StepMs);
        // The minute (and the step) `to` cuts through come from finer rows, so nothing at or after `to` counts.
        if (window.Tier != HistoryTier.Raw) command.Parameters.AddWithValue("$split", window.ToMs - window.ToMs % HistoryStep.MinuteMs);
        if (window.Tier != HistoryTier.Raw) command.Parameters.AddWithValue("$step_split", window.ToMs - window.ToMs % window.StepMs);
        return command;
    }
}
