using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>
/// The writer adds container and GPU sums to the time-first recent tables; the mover takes
/// buckets that ended a few minutes ago to the host-first tables. Whichever table a sample is
/// in, the answer is the same and counts it once.
/// </summary>
public sealed class ItemBucketMoverSpecs : IDisposable
{
    private static readonly TimeSpan Lag = MinuteRollupStore.DefaultLag;
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly TempDatabase _db = new();
    private readonly SnapshotWriter _writer;
    private readonly ItemBucketMover _mover;
    private readonly ItemHistoryStore _store;
    private readonly HostId _nas;

    public ItemBucketMoverSpecs()
    {
        _writer = new SnapshotWriter(_db.Database);
        _mover = new ItemBucketMover(_db.Database);
        _store = new ItemHistoryStore(_db.Database);
        _nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _db.Dispose();
    }

    private long Count(string table) => _db.Scalar($"SELECT count(*) FROM {table};");

    private (DateTimeOffset Ts, double Cpu, double? Min, double? Max, long Samples)[] Web() =>
        _store.ReadContainers(_nas, Window(0, 3600, 300)).Single(c => c.Name == "web").Points
            .Select(p => (p.Ts, p.CpuPct, p.CpuPctMin, p.CpuPctMax, p.Samples)).ToArray();

    [Fact]
    public void Writer_should_add_to_the_recent_tables_only()
    {
        _writer.Write([WithContainers(_nas, T0, Container("web", 10)) with { Gpus = [Gpu(0, 5)] }]);

        Assert.Equal((1L, 0L, 1L, 0L), (Count("container_recent"), Count("container_buckets"), Count("gpu_recent"), Count("gpu_buckets")));
    }

    [Fact]
    public void Mover_should_move_buckets_that_ended_the_lag_ago_and_answer_the_same_points()
    {
        _writer.Write([
            WithContainers(_nas, T0, Container("web", 10)) with { Gpus = [Gpu(0, 5)] },
            WithContainers(_nas, T0.AddMinutes(1), Container("web", 30)),
            WithContainers(_nas, T0.AddMinutes(5), Container("web", 50)),
        ]);
        var before = Web();

        // The first bucket ended at T0 + 5 min; the second is still inside the lag.
        var result = _mover.Move(T0.AddMinutes(5) + Lag + FiveMinutes - TimeSpan.FromSeconds(1), Lag, FiveMinutes);

        Assert.Equal((2L, 1L, 1L), (result.Rows, Count("container_buckets"), Count("container_recent")));
        Assert.Equal((1L, 0L), (Count("gpu_buckets"), Count("gpu_recent")));
        Assert.Equal(before, Web());
        Assert.Equal([(T0, 20.0, 10.0, 30.0, 2L), (T0.AddMinutes(5), 50.0, null, null, 1L)], Web());
    }

    [Fact]
    public void A_late_frame_for_a_moved_bucket_should_be_added_to_it_once_at_the_next_move()
    {
        _writer.Write([WithContainers(_nas, T0, Container("web", 10))]);
        _mover.Move(T0.AddDays(1), Lag, FiveMinutes);

        _writer.Write([WithContainers(_nas, T0.AddSeconds(5), Container("web", 40))]);
        var split = Web();
        _mover.Move(T0.AddDays(1), Lag, FiveMinutes);

        Assert.Equal([(T0, 25.0, 10.0, 40.0, 2L)], split);
        Assert.Equal(split, Web());
        Assert.Equal((1L, 0L), (Count("container_buckets"), Count("container_recent")));
    }

    [Fact]
    public void Mover_should_move_a_long_backlog_a_chunk_at_a_time()
    {
        // Three hours of buckets waiting (a hub that moved nothing meanwhile).
        _writer.Write([.. Enumerable.Range(0, 36).Select(i => WithContainers(_nas, T0.AddMinutes(5 * i), Container("web", i)))]);

        var result = _mover.Move(T0.AddDays(1), Lag, FiveMinutes);

        Assert.Equal((36L, 3), (result.Rows, result.Chunks));
        Assert.Equal((36L, 0L), (Count("container_buckets"), Count("container_recent")));
    }
}
