using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>GPU history on a real database file through the hub's own writer: per GPU index and bucket, as containers are kept.</summary>
public sealed class GpuHistorySpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HostId _nas;

    public GpuHistorySpecs() => _nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Buckets_should_keep_each_gpus_averages_lowest_and_highest_and_its_latest_name()
    {
        using (var writer = new SnapshotWriter(_db.Database))
        {
            writer.Write([WithGpus(_nas, T0, Gpu(0, 10), Gpu(1, 90, "Tesla P4")), WithGpus(_nas, T0.AddSeconds(5), Gpu(0, 30))]);
            writer.Write([WithGpus(_nas, T0.AddSeconds(10), Gpu(0, 50, "RTX 3060 (renamed)"))]);
        }

        var gpus = new ItemHistoryStore(_db.Database).ReadGpus(_nas, Window(0, 600, 300));

        Assert.Equal([(0, "RTX 3060 (renamed)"), (1, "Tesla P4")], gpus.Select(g => (g.Index, g.Name)));
        var first = gpus[0].Points.Single();
        Assert.Equal((T0, 3L), (first.Ts, first.Samples));
        Assert.Equal((30.0, 10.0, 50.0), (first.UtilPct, first.UtilPctMin!.Value, first.UtilPctMax!.Value));
        Assert.Equal((300.0, 100.0, 500.0), (first.MemUsedMb, first.MemUsedMbMin!.Value, first.MemUsedMbMax!.Value));
        Assert.Equal((12_288.0, 43.0, 41.0, 45.0), (first.MemTotalMb, first.TempC, first.TempCMin!.Value, first.TempCMax!.Value));
        var single = gpus[1].Points.Single();
        Assert.Equal((90.0, 1L, (double?)null), (single.UtilPct, single.Samples, single.UtilPctMin));
    }

    [Fact]
    public void A_re_sent_frame_should_add_nothing_to_its_gpus()
    {
        using var writer = new SnapshotWriter(_db.Database);
        writer.Write([WithGpus(_nas, T0, Gpu(0, 10))]);
        writer.Write([WithGpus(_nas, T0, Gpu(0, 10)), WithGpus(_nas, T0.AddSeconds(5), Gpu(0, 20))]);

        var point = new ItemHistoryStore(_db.Database).ReadGpus(_nas, Window(0, 300, 300)).Single().Points.Single();

        Assert.Equal((15.0, 2L), (point.UtilPct, point.Samples));
    }
}
