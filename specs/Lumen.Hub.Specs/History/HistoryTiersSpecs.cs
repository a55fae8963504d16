using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Retention;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

/// <summary>
/// The tiers' maths on a real database file written by the hub's own writer and rollups: every
/// bucket keeps the count, average, lowest and highest sample of what it summarises, whichever
/// tier a point is read from, with late and re-sent frames counted once.
/// </summary>
public sealed class HistoryTiersSpecs : IDisposable
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly TempDatabase _db = new();
    private readonly HistoryStore _store;
    private readonly HostId _nas;

    public HistoryTiersSpecs()
    {
        _store = new HistoryStore(_db.Database);
        _nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
    }

    public void Dispose() => _db.Dispose();

    private static HistoryWindow Buckets(int fromSecond, int toSecond, int stepSeconds, TimeSpan bucket) =>
        Window(fromSecond, toSecond, stepSeconds) with { BucketMs = (long)bucket.TotalMilliseconds };

    /// <summary>Minutes, buckets and hours summed up to a day after T0, as the rollup actor would by then.</summary>
    private void SumTiers(TimeSpan? bucket = null)
    {
        RollUp(_db.Database);
        new BucketRollupStore(_db.Database).RollUp(bucket ?? FiveMinutes);
        new BucketRollupStore(_db.Database, CoarseTier.Hours).RollUp(CoarseTier.HourSize);
    }

    /// <summary>Raw rows and minutes swept as if they were older than the retention window: only buckets are left.</summary>
    private void KeepOnlyBuckets() => new RetentionStore(_db.Database).Sweep(T0.AddDays(2));

    private static (double Avg, double Min, double Max, long Samples) Cpu(MetricsPoint point) =>
        (point[ScalarMetrics.CpuPct], point.Min(ScalarMetrics.CpuPct), point.Max(ScalarMetrics.CpuPct), point.Samples);

    private long Count(string table) => _db.Scalar($"SELECT count(*) FROM {table};");

    [Fact]
    public void Buckets_should_keep_the_count_average_lowest_and_highest_sample_across_minute_edges()
    {
        // 12:00:00 1, 12:00:50 5, 12:01:10 3, 12:04:59 2 in the first 5 m bucket; 12:05:00 10 in the next.
        Write(_db.Database, RowAfterT0(_nas, 0, 1), RowAfterT0(_nas, 50, 5), RowAfterT0(_nas, 70, 3), RowAfterT0(_nas, 299, 2), RowAfterT0(_nas, 300, 10));
        SumTiers();
        KeepOnlyBuckets();

        var points = _store.Read(_nas, Buckets(0, 600, 300, FiveMinutes));

        Assert.Equal((0L, 0L), (Count("snapshots"), Count("snapshot_minutes")));
        Assert.Equal([(2.75, 1.0, 5.0, 4L), (10.0, 10.0, 10.0, 1L)], points.Select(Cpu));
        Assert.Equal([(4.2, 1.0, 10.0, 5L)], _store.Read(_nas, Buckets(0, 3600, 3600, FiveMinutes)).Select(Cpu));
        // Every metric, not only the first: temp_c is 12 × the row's value.
        Assert.Equal((33.0, 12.0, 60.0), (points[0][ScalarMetrics.TempC], points[0].Min(ScalarMetrics.TempC), points[0].Max(ScalarMetrics.TempC)));
    }

    [Fact]
    public void Read_should_give_the_same_points_from_buckets_minutes_and_raw_rows()
    {
        var rows = Enumerable.Range(0, 360).Select(i => RowAfterT0(_nas, i * 5, (i * 37 % 101) + 0.25)).ToArray();
        Write(_db.Database, rows);
        var window = Buckets(0, 1800, 600, FiveMinutes);
        var fromRaw = _store.Read(_nas, window);

        SumTiers();
        var fromBuckets = _store.Read(_nas, window);
        KeepOnlyBuckets();
        var fromBucketsOnly = _store.Read(_nas, window);

        Assert.Equal(3, fromRaw.Count);
        foreach (var points in new[] { fromBuckets, fromBucketsOnly })
            Assert.Equal(fromRaw.Select(Cpu), points.Select(Cpu));
        Assert.Equal((rows[..120].Min(Value), rows[..120].Max(Value)), (fromRaw[0].Min(ScalarMetrics.CpuPct), fromRaw[0].Max(ScalarMetrics.CpuPct)));
        return;

        static double Value(SnapshotRow row) => row.Values.Span[ScalarMetrics.CpuPct.Index];
    }

    [Fact]
    public void Read_should_give_the_same_points_from_hours_as_from_raw_rows()
    {
        // Three hours of 5 s rows.
        var rows = Enumerable.Range(0, 2160).Select(i => RowAfterT0(_nas, i * 5, (i * 53 % 97) + 0.5)).ToArray();
        Write(_db.Database, rows);
        var window = Buckets(0, 3 * 3600, 3600, FiveMinutes);
        var fromRaw = _store.Read(_nas, window);

        SumTiers();
        KeepOnlyBuckets();
        var fromHours = _store.Read(_nas, window);

        Assert.Equal(HistoryTier.Hours, window.Tier);
        Assert.Equal((0L, 3L), (Count("snapshots"), Count("snapshot_hours")));
        Assert.Equal(fromRaw.Select(Cpu), fromHours.Select(Cpu));
        Assert.Equal([720L, 720L, 720L], fromHours.Select(point => point.Samples));
    }

    [Fact]
    public void Read_should_count_each_sample_once_where_buckets_minutes_and_raw_rows_meet()
    {
        // Two hours of rows; buckets summed for the first hour, minutes up to 1:30, raw rows after.
        var rows = Enumerable.Range(0, 1440).Select(i => RowAfterT0(_nas, i * 5, 1 + i % 7)).ToArray();
        Write(_db.Database, rows);
        new MinuteRollupStore(_db.Database).RollUp(T0.AddMinutes(90) + MinuteRollupStore.DefaultLag);
        new BucketRollupStore(_db.Database).RollUp(FiveMinutes);
        _db.Execute($"DELETE FROM snapshot_buckets WHERE bucket_ts >= {T0.AddHours(1).ToUnixTimeMilliseconds()};");
        _db.Execute($"UPDATE snapshot_buckets_until SET until_ms = {T0.AddHours(1).ToUnixTimeMilliseconds()};");

        var points = _store.Read(_nas, Buckets(0, 7200, 1800, FiveMinutes));

        Assert.Equal([360L, 360L, 360L, 360L], points.Select(point => point.Samples));
        // Each point's average is rounded to 3 places, so the mean of the four can differ in the third.
        Assert.Equal(rows.Average(row => row.Values.Span[0]), points.Average(point => point[ScalarMetrics.CpuPct]), 2);
    }

    [Fact]
    public void A_late_row_should_land_in_the_minute_and_the_bucket_already_summed()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 1), RowAfterT0(_nas, 60, 3));
        SumTiers();

        // An agent's buffer drained a day later: a frame for 12:01:40, higher than anything summed.
        Write(_db.Database, RowAfterT0(_nas, 100, 7));
        var both = _store.Read(_nas, Buckets(0, 300, 300, FiveMinutes));
        KeepOnlyBuckets();
        var bucketsOnly = _store.Read(_nas, Buckets(0, 300, 300, FiveMinutes));

        Assert.Equal([(Math.Round(11.0 / 3, 3), 1.0, 7.0, 3L)], both.Select(Cpu).Select(Rounded));
        Assert.Equal(both.Select(Cpu).Select(Rounded), bucketsOnly.Select(Cpu).Select(Rounded));
        return;

        static (double, double, double, long) Rounded((double Avg, double Min, double Max, long Samples) p) => (Math.Round(p.Avg, 3), p.Min, p.Max, p.Samples);
    }

    [Fact]
    public void A_re_sent_frame_and_a_second_rollup_pass_should_change_nothing()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 1), RowAfterT0(_nas, 60, 3));
        SumTiers();
        var before = _db.String("SELECT group_concat(bucket_ts || ':' || samples || ':' || cpu_pct || ':' || cpu_pct_max) FROM snapshot_buckets;");

        Write(_db.Database, RowAfterT0(_nas, 60, 3), RowAfterT0(_nas, 0, 1));
        SumTiers();

        Assert.Equal(before, _db.String("SELECT group_concat(bucket_ts || ':' || samples || ':' || cpu_pct || ':' || cpu_pct_max) FROM snapshot_buckets;"));
        Assert.Equal([(2.0, 1.0, 3.0, 2L)], _store.Read(_nas, Buckets(0, 300, 300, FiveMinutes)).Select(Cpu));
    }

    [Fact]
    public void A_new_bucket_size_should_apply_from_the_mark_and_keep_every_sample_counted_once()
    {
        // An hour of rows a minute apart; 5 m buckets for the first 20 minutes, then 15 m buckets.
        Write(_db.Database, [.. Enumerable.Range(0, 60).Select(i => RowAfterT0(_nas, i * 60, i))]);
        new MinuteRollupStore(_db.Database).RollUp(T0.AddMinutes(20) + MinuteRollupStore.DefaultLag);
        new BucketRollupStore(_db.Database).RollUp(FiveMinutes);
        SumTiers(TimeSpan.FromMinutes(15));
        KeepOnlyBuckets();

        // 12:00–12:20 in four 5 m buckets, 12:20–12:30 cut short at the old mark, then 12:30 and 12:45.
        Assert.Equal("0:5|5:5|10:5|15:5|20:10|30:15|45:15",
            _db.String($"SELECT group_concat(((bucket_ts - {T0.ToUnixTimeMilliseconds()}) / 60000) || ':' || samples, '|') FROM (SELECT * FROM snapshot_buckets ORDER BY bucket_ts);"));
        var points = _store.Read(_nas, Buckets(0, 3600, 900, TimeSpan.FromMinutes(15)));
        Assert.Equal([15L, 15L, 15L, 15L], points.Select(point => point.Samples));
        Assert.Equal([7.0, 22.0, 37.0, 52.0], points.Select(point => point[ScalarMetrics.CpuPct]));
    }

    [Fact]
    public void Removing_a_host_should_remove_its_buckets_and_their_mark()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 1));
        SumTiers();

        new HostStore(_db.Database, TimeProvider.System).Remove("nas");

        Assert.Equal((0L, 0L, 0L, 0L), (Count("snapshot_buckets"), Count("snapshot_buckets_until"), Count("snapshot_hours"), Count("snapshot_hours_until")));
    }
}
