using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

/// <summary>Averages per bucket as SQLite computes them, on a real database file written by the hub's writer.</summary>
public sealed class HistoryStoreSpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HistoryStore _store;
    private readonly HostId _nas;
    private readonly HostId _pi;

    public HistoryStoreSpecs()
    {
        _store = new HistoryStore(_db.Database);
        var hosts = new HostStore(_db.Database, TimeProvider.System);
        _nas = hosts.Add("nas").Host.Id;
        _pi = hosts.Add("pi").Host.Id;
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Read_should_average_the_raw_rows_of_each_bucket_when_the_step_is_under_a_minute()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 10), RowAfterT0(_nas, 5, 20), RowAfterT0(_nas, 10, 40), RowAfterT0(_nas, 15, 60), RowAfterT0(_nas, 20, 1));

        var points = _store.Read(_nas, Window(0, 30, 10));

        Assert.Equal(3, points.Count);
        AssertPoint(points[0], 0, 15);
        AssertPoint(points[1], 10, 50);
        AssertPoint(points[2], 20, 1);
    }

    [Fact]
    public void Read_should_give_the_same_averages_from_the_minute_rollup_as_the_raw_rows_give()
    {
        // Ten minutes of 5 s rows, written in two batches the way the batcher splits them.
        var rows = Enumerable.Range(0, 120).Select(i => RowAfterT0(_nas, i * 5, (i * 37 % 101) + 0.25)).ToArray();
        Write(_db.Database, rows[..50]);
        Write(_db.Database, rows[50..]);
        var window = Window(0, 600, 300);
        var fromRawRows = _store.Read(_nas, window);

        // Summed up to 12:07: the rollup for seven minutes, the raw rows for the last three.
        RollUp(_db.Database, T0.AddMinutes(10));
        var mixed = _store.Read(_nas, window);
        RollUp(_db.Database);
        var fromRollup = _store.Read(_nas, window);

        Assert.Equal(7, _db.Scalar("SELECT count(*) FROM snapshot_minutes WHERE minute_ts < " + T0.AddMinutes(7).ToUnixTimeMilliseconds()));
        foreach (var points in new[] { fromRawRows, mixed, fromRollup })
        {
            Assert.Equal(2, points.Count);
            AssertPoint(points[0], 0, rows[..60].Average(r => r.Values.Span[ScalarMetrics.CpuPct.Index]));
            AssertPoint(points[1], 300, rows[60..].Average(r => r.Values.Span[ScalarMetrics.CpuPct.Index]));
        }
    }

    [Fact]
    public void Read_should_take_the_minute_that_to_cuts_through_from_the_raw_rows_before_to_only()
    {
        Write(_db.Database, [.. Enumerable.Range(0, 12).Select(i => RowAfterT0(_nas, 60 + i * 5, i))]);
        RollUp(_db.Database);

        // to = 12:01:30: the rows at :00 … :25 of that minute count, those from :30 on do not.
        var points = _store.Read(_nas, Window(0, 90, 60));

        AssertPoint(Assert.Single(points), 60, 2.5);
    }

    [Fact]
    public void Read_should_leave_out_buckets_without_rows()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 1), RowAfterT0(_nas, 5, 3), RowAfterT0(_nas, 180, 7), RowAfterT0(_nas, 250, 9));

        var points = _store.Read(_nas, Window(0, 300, 60));

        Assert.Equal([T0, T0.AddMinutes(3), T0.AddMinutes(4)], points.Select(p => p.Ts));
        AssertPoint(points[0], 0, 2);
        AssertPoint(points[1], 180, 7);
        AssertPoint(points[2], 240, 9);
    }

    [Fact]
    public void Read_should_count_a_frame_sent_twice_once()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 10));
        RollUp(_db.Database);
        // A replay after a hub restart, into a minute already summed: the same (host, ts) again, then the next frame.
        Write(_db.Database, RowAfterT0(_nas, 0, 10), RowAfterT0(_nas, 5, 20));

        AssertPoint(Assert.Single(_store.Read(_nas, Window(0, 60, 60))), 0, 15);
        AssertPoint(Assert.Single(_store.Read(_nas, Window(0, 60, 30))), 0, 15);
    }

    [Fact]
    public void Read_should_leave_out_rows_of_other_hosts_and_outside_the_window()
    {
        Write(_db.Database, RowAfterT0(_nas, -5, 100), RowAfterT0(_nas, 0, 1), RowAfterT0(_nas, 55, 3), RowAfterT0(_nas, 60, 100), RowAfterT0(_pi, 30, 100));
        RollUp(_db.Database);

        AssertPoint(Assert.Single(_store.Read(_nas, Window(0, 60, 60))), 0, 2);
        var raw = _store.Read(_nas, Window(0, 60, 15));
        Assert.Equal(2, raw.Count);
        AssertPoint(raw[0], 0, 1);
        AssertPoint(raw[1], 45, 3);
    }

    [Fact]
    public void Read_should_answer_no_points_for_a_host_without_rows()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 1));

        Assert.Empty(_store.Read(_pi, Window(0, 600, 60)));
        Assert.Empty(_store.Read(_pi, Window(0, 600, 5)));
    }

    [Fact]
    public void Read_should_count_a_late_row_for_a_minute_already_summed()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 10), RowAfterT0(_nas, 10, 20));
        RollUp(_db.Database);

        // An agent's buffered frame arriving after its minute was summed.
        Write(_db.Database, RowAfterT0(_nas, 5, 30));

        AssertPoint(Assert.Single(_store.Read(_nas, Window(0, 60, 60))), 0, 20);
    }

    [Fact]
    public void Read_should_add_unflushed_frames_to_their_buckets_over_raw_rows_minutes_buckets_and_hours_alike()
    {
        Write(_db.Database, RowAfterT0(_nas, 0, 10), RowAfterT0(_nas, 5, 20));
        RollUp(_db.Database);
        new BucketRollupStore(_db.Database).RollUp(TimeSpan.FromMinutes(5));
        new BucketRollupStore(_db.Database, CoarseTier.Hours).RollUp(CoarseTier.HourSize);
        Assert.Equal((1, 1), (_db.Scalar("SELECT count(*) FROM snapshot_buckets;"), _db.Scalar("SELECT count(*) FROM snapshot_hours;")));
        // Not flushed: one late for the minute and the bucket already summed, one in the next minute.
        UnflushedFrame[] unflushed = [UnflushedAfterT0(1, 10, 30), UnflushedAfterT0(2, 65, 50)];

        var raw = _store.Read(_nas, Window(0, 120, 15), unflushed);
        var minutes = _store.Read(_nas, Window(0, 120, 60), unflushed);
        var buckets = _store.Read(_nas, Window(0, 600, 300) with { BucketMs = 300_000 }, unflushed);
        var hours = _store.Read(_nas, Window(0, 7200, 3600) with { BucketMs = 300_000 }, unflushed);

        foreach (var points in new[] { raw, minutes })
        {
            Assert.Equal(2, points.Count);
            AssertPoint(points[0], 0, 20);
            AssertRange(points[0], 10, 30, samples: 3);
            AssertPoint(points[1], 60, 50);
            Assert.Equal(1, points[1].Samples);
        }
        foreach (var points in new[] { buckets, hours })
        {
            AssertPoint(Assert.Single(points), 0, 27.5);
            AssertRange(points[0], 10, 50, samples: 4);
        }
    }

    [Fact]
    public void Read_should_count_an_unflushed_frame_that_is_already_stored_once()
    {
        // Committed after the request took the unflushed frames, or sent again after it was stored: in both.
        Write(_db.Database, RowAfterT0(_nas, 0, 10), RowAfterT0(_nas, 5, 20));

        var points = _store.Read(_nas, Window(0, 60, 60), [UnflushedAfterT0(7, 5, 99)]);

        AssertPoint(Assert.Single(points), 0, 15);
        AssertRange(points[0], 10, 20, samples: 2);
    }

    [Theory]
    [InlineData(60, "snapshot_minutes USING PRIMARY KEY (host_id=? AND minute_ts>? AND minute_ts<?)")]
    [InlineData(60, "snapshots USING PRIMARY KEY (host_id=? AND ts>? AND ts<?)")]
    [InlineData(5, "snapshots USING PRIMARY KEY (host_id=? AND ts>? AND ts<?)")]
    public void Read_should_search_only_the_hosts_key_range(int stepSeconds, string search)
    {
        var plan = _store.ExplainQueryPlan(_nas, Window(0, 3600, stepSeconds));

        Assert.Contains(plan, line => line.Contains("SEARCH " + search, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public void HostName_should_be_the_hosts_name_or_null_for_an_unknown_id()
    {
        Assert.Equal("nas", _store.HostName(_nas));
        Assert.Null(_store.HostName(new HostId(_pi.Value + 100)));
    }
}
