using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Retention;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History;

/// <summary>
/// The per-minute rollup follows the raw rows: summed by <see cref="MinuteRollupStore"/> once a
/// minute is old enough, late rows added by the writer, swept and removed with the host.
/// </summary>
public sealed class SnapshotMinutesSpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HostStore _hosts;

    public SnapshotMinutesSpecs() => _hosts = new HostStore(_db.Database, TimeProvider.System);

    public void Dispose() => _db.Dispose();

    private long Minutes(string where = "1") => _db.Scalar($"SELECT count(*) FROM snapshot_minutes WHERE {where};");

    /// <summary>Each rollup row as host:second after T0:samples:cpu sum, in key order.</summary>
    private string Rollup() => _db.String($"""
        SELECT group_concat(host_id || ':' || ((minute_ts - {T0.ToUnixTimeMilliseconds()}) / 1000) || ':' || samples || ':' || cast(cpu_pct AS INTEGER), '|')
        FROM (SELECT * FROM snapshot_minutes ORDER BY host_id, minute_ts);
        """);

    private long Mark(Lumen.Hub.Hosts.HostId host) => _db.Scalar($"SELECT until_ms FROM snapshot_minutes_until WHERE host_id = {host.Value};");

    [Fact]
    public void SnapshotWriter_should_leave_the_rollup_alone_for_minutes_not_summed_yet()
    {
        var nas = _hosts.Add("nas").Host.Id;

        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 30, 2), RowAfterT0(nas, 60, 4));

        Assert.Equal(0, Minutes());
    }

    [Fact]
    public void RollUp_should_sum_each_hosts_minutes_up_to_three_minutes_before_now()
    {
        var nas = _hosts.Add("nas").Host.Id;
        var pi = _hosts.Add("pi").Host.Id;
        Write(_db.Database, RowAfterT0(pi, 65, 1), RowAfterT0(nas, 5, 2), RowAfterT0(pi, 0, 4), RowAfterT0(nas, 70, 8), RowAfterT0(nas, 0, 16), RowAfterT0(pi, 5, 32), RowAfterT0(nas, 130, 64));

        var result = new MinuteRollupStore(_db.Database).RollUp(T0.AddSeconds(5 * 60 + 10));

        // 12:05:10 less 3 min is 12:02:10: minutes 12:00 and 12:01 are summed, 12:02 is not yet.
        Assert.Equal($"{nas.Value}:0:2:18|{nas.Value}:60:1:8|{pi.Value}:0:2:36|{pi.Value}:60:1:1", Rollup());
        Assert.Equal(T0.AddMinutes(2).ToUnixTimeMilliseconds(), Mark(nas));
        Assert.Equal(T0.AddMinutes(2).ToUnixTimeMilliseconds(), Mark(pi));
        Assert.Equal(4, result.Rows);
    }

    [Fact]
    public void RollUp_should_wait_a_flush_interval_and_two_minutes_when_the_batcher_flushes_less_often()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1));
        var store = new MinuteRollupStore(_db.Database, MinuteRollupStore.LagFor(TimeSpan.FromMinutes(5)));

        Assert.Equal(0, store.RollUp(T0.AddSeconds(7 * 60 + 59)).Rows);
        Assert.Equal(1, store.RollUp(T0.AddMinutes(8)).Rows);
    }

    [Fact]
    public void RollUp_should_sum_nothing_twice_when_it_runs_again()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 60, 2), RowAfterT0(nas, 200, 4));
        var store = new MinuteRollupStore(_db.Database);
        store.RollUp(T0.AddMinutes(5));

        var again = store.RollUp(T0.AddMinutes(5));
        var later = store.RollUp(T0.AddMinutes(7));

        Assert.Equal(0, again.Rows);
        Assert.Equal(1, later.Rows);
        Assert.Equal($"{nas.Value}:0:1:1|{nas.Value}:60:1:2|{nas.Value}:180:1:4", Rollup());
    }

    [Fact]
    public void RollUp_should_catch_up_a_long_history_in_bounded_chunks()
    {
        var nas = _hosts.Add("nas").Host.Id;
        // One row every 10 minutes for 13 hours.
        Write(_db.Database, [.. Enumerable.Range(0, 78).Select(i => RowAfterT0(nas, i * 600, 1))]);

        var result = new MinuteRollupStore(_db.Database).RollUp(T0.AddHours(13).AddMinutes(3));

        Assert.Equal(3, result.Chunks); // 6 h + 6 h + 1 h
        Assert.Equal(78, _db.Scalar("SELECT sum(samples) FROM snapshot_minutes;"));
    }

    [Fact]
    public void SnapshotWriter_should_add_late_rows_to_summed_minutes_once_each_and_leave_the_rest()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 60, 2));
        new MinuteRollupStore(_db.Database).RollUp(T0.AddMinutes(5)); // summed up to 12:02

        // Late rows for 12:00 and 12:01 (one of them a re-sent frame), and a row for 12:02.
        Write(_db.Database, RowAfterT0(nas, 65, 4), RowAfterT0(nas, 10, 8), RowAfterT0(nas, 15, 16), RowAfterT0(nas, 60, 100), RowAfterT0(nas, 125, 32));

        Assert.Equal($"{nas.Value}:0:3:25|{nas.Value}:60:2:6", Rollup());
    }

    [Fact]
    public void RetentionStore_should_delete_the_rollup_minutes_that_end_at_or_before_the_cutoff()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 60, 1), RowAfterT0(nas, 100, 1), RowAfterT0(nas, 120, 1));
        RollUp(_db.Database);
        new BucketRollupStore(_db.Database).RollUp(TimeSpan.FromMinutes(1));
        new BucketRollupStore(_db.Database, CoarseTier.Hours).RollUp(CoarseTier.HourSize);

        // 12:01:40: the minute 12:00 is wholly before it; 12:01 is cut through and stays.
        new RetentionStore(_db.Database).Sweep(T0.AddSeconds(100));

        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM snapshots;"));
        Assert.Equal(2, Minutes());
        Assert.Equal(0, Minutes($"minute_ts = {T0.ToUnixTimeMilliseconds()}"));
    }

    [Fact]
    public void RetentionStore_should_keep_the_minutes_whose_buckets_are_not_summed_yet()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 60, 1), RowAfterT0(nas, 120, 1));
        RollUp(_db.Database);

        new RetentionStore(_db.Database).Sweep(T0.AddMinutes(10));

        // The raw rows are summed in minutes and go; the minutes have no buckets yet and stay.
        Assert.Equal((0L, 3L), (_db.Scalar("SELECT count(*) FROM snapshots;"), Minutes()));
    }

    [Fact]
    public void HostStore_should_delete_a_removed_hosts_rollup_and_keep_the_others()
    {
        var nas = _hosts.Add("nas").Host.Id;
        var pi = _hosts.Add("pi").Host.Id;
        Write(_db.Database, RowAfterT0(nas, 0, 1), RowAfterT0(nas, 600, 1), RowAfterT0(pi, 0, 1));
        RollUp(_db.Database);

        _hosts.Remove("nas");

        Assert.Equal(0, Minutes($"host_id = {nas.Value}"));
        Assert.Equal(0, _db.Scalar($"SELECT count(*) FROM snapshot_minutes_until WHERE host_id = {nas.Value};"));
        Assert.Equal(1, Minutes($"host_id = {pi.Value}"));
    }
}
