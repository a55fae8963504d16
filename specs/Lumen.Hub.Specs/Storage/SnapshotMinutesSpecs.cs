using Lumen.Hub.Storage;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.Storage;

/// <summary>The per-minute rollup follows the raw rows: written with them, swept with them, removed with their host.</summary>
public sealed class SnapshotMinutesSpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HostStore _hosts;

    public SnapshotMinutesSpecs() => _hosts = new HostStore(_db.Database, TimeProvider.System);

    public void Dispose() => _db.Dispose();

    private long Minutes(string where = "1") => _db.Scalar($"SELECT count(*) FROM snapshot_minutes WHERE {where};");

    [Fact]
    public void SnapshotWriter_should_sum_each_minutes_rows_into_one_rollup_row()
    {
        var nas = _hosts.Add("nas").Host.Id;

        Write(_db.Database, Row(nas, 0, 1), Row(nas, 30, 2), Row(nas, 55, 3), Row(nas, 60, 4));

        Assert.Equal(2, Minutes());
        Assert.Equal(3, _db.Scalar($"SELECT samples FROM snapshot_minutes WHERE minute_ts = {T0.ToUnixTimeMilliseconds()};"));
        Assert.Equal(6, _db.Scalar($"SELECT cpu_pct FROM snapshot_minutes WHERE minute_ts = {T0.ToUnixTimeMilliseconds()};"));
        Assert.Equal(72, _db.Scalar($"SELECT temp_c FROM snapshot_minutes WHERE minute_ts = {T0.ToUnixTimeMilliseconds()};"));
    }

    [Fact]
    public void SnapshotWriter_should_sum_a_batch_of_several_hosts_in_any_order_per_host_and_minute()
    {
        var nas = _hosts.Add("nas").Host.Id;
        var pi = _hosts.Add("pi").Host.Id;

        Write(_db.Database, Row(pi, 65, 1), Row(nas, 5, 2), Row(pi, 0, 4), Row(nas, 70, 8), Row(nas, 0, 16), Row(pi, 5, 32));
        Write(_db.Database, Row(nas, 10, 64), Row(nas, 5, 128)); // the second is a re-sent frame: ignored

        Assert.Equal(
            $"{nas.Value}:0:3:82|{nas.Value}:60:1:8|{pi.Value}:0:2:36|{pi.Value}:60:1:1",
            _db.String("""
                SELECT group_concat(host_id || ':' || ((minute_ts - 1795780800000) / 1000) || ':' || samples || ':' || cast(cpu_pct AS INTEGER), '|')
                FROM (SELECT * FROM snapshot_minutes ORDER BY host_id, minute_ts);
                """));
    }

    [Fact]
    public void RetentionStore_should_delete_the_rollup_minutes_that_end_at_or_before_the_cutoff()
    {
        var nas = _hosts.Add("nas").Host.Id;
        Write(_db.Database, Row(nas, 0, 1), Row(nas, 60, 1), Row(nas, 100, 1), Row(nas, 120, 1));

        // 12:01:40: the minute 12:00 is wholly before it; 12:01 is cut through and stays.
        new RetentionStore(_db.Database).Sweep(T0.AddSeconds(100));

        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM snapshots;"));
        Assert.Equal(2, Minutes());
        Assert.Equal(0, Minutes($"minute_ts = {T0.ToUnixTimeMilliseconds()}"));
    }

    [Fact]
    public void HostStore_should_delete_a_removed_hosts_rollup_minutes_and_keep_the_others()
    {
        var nas = _hosts.Add("nas").Host.Id;
        var pi = _hosts.Add("pi").Host.Id;
        Write(_db.Database, Row(nas, 0, 1), Row(nas, 600, 1), Row(pi, 0, 1));

        _hosts.Remove("nas");

        Assert.Equal(0, Minutes($"host_id = {nas.Value}"));
        Assert.Equal(1, Minutes($"host_id = {pi.Value}"));
    }
}
