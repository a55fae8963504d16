using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>
/// Container history on a real database file through the hub's own writer: per container and
/// bucket, the count, average, lowest and highest sample of the frames the writer inserted,
/// whatever batches they came in, re-sent frames counted once and late ones in their bucket.
/// </summary>
public sealed class ContainerHistorySpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SnapshotWriter _writer;
    private readonly ItemHistoryStore _store;
    private readonly HostId _nas;

    public ContainerHistorySpecs()
    {
        _writer = new SnapshotWriter(_db.Database);
        _store = new ItemHistoryStore(_db.Database);
        _nas = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _db.Dispose();
    }

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>Each container's points over the first hour after T0, in 5-minute steps (the default bucket size).</summary>
    private IReadOnlyDictionary<string, (int Second, double Cpu, double? Min, double? Max, long Samples)[]> Containers(int stepSeconds = 300, HostId? host = null) =>
        _store.ReadContainers(host ?? _nas, Window(0, 3600, stepSeconds)).ToDictionary(
            series => series.Name,
            series => series.Points.Select(p => ((int)(p.Ts - T0).TotalSeconds, p.CpuPct, p.CpuPctMin, p.CpuPctMax, p.Samples)).ToArray());

    private long Rows(string table = "container_buckets") => _db.Scalar($"SELECT count(*) FROM {table};");

    [Fact]
    public void Buckets_should_keep_each_containers_count_average_lowest_and_highest_sample_across_two_batches()
    {
        _writer.Write([WithContainers(_nas, At(0), Container("web", 10), Container("db", 1)), WithContainers(_nas, At(5), Container("web", 20), Container("db", 3))]);
        _writer.Write([WithContainers(_nas, At(10), Container("web", 30), Container("db", 2)), WithContainers(_nas, At(300), Container("web", 50))]);

        var containers = Containers();

        Assert.Equal(["db", "web"], containers.Keys.Order());
        Assert.Equal([(0, 20.0, 10.0, 30.0, 3L), (300, 50.0, null, null, 1L)], containers["web"]);
        Assert.Equal([(0, 2.0, 1.0, 3.0, 3L)], containers["db"]);
        var web = _store.ReadContainers(_nas, Window(0, 300, 300)).Single(c => c.Name == "web").Points.Single();
        Assert.Equal((20L * 1_048_576, 10L * 1_048_576, 30L * 1_048_576), (web.MemUsedBytes, web.MemUsedBytesMin!.Value, web.MemUsedBytesMax!.Value));
        Assert.Equal((10.0, 5.0, 15.0), (web.MemPct, web.MemPctMin!.Value, web.MemPctMax!.Value));
        Assert.Equal(3, Rows());
    }

    [Fact]
    public void Writer_should_write_one_upsert_per_container_and_bucket_of_a_batch_not_one_per_frame()
    {
        var other = new HostStore(_db.Database, TimeProvider.System).Add("pi").Host.Id;
        var frames = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            WithContainers(_nas, At(i * 5), Container("web", i), Container("db", 1), Container("cache", 2)),
            WithContainers(other, At(i * 5), Container("web", i)),
        }).ToArray();

        _writer.Write(frames);

        Assert.Equal(4, _writer.ItemUpserts);
        Assert.Equal([(0, 5.5, 0.0, 11.0, 12L)], Containers()["web"]);
        Assert.Equal([(0, 5.5, 0.0, 11.0, 12L)], Containers(host: other)["web"]);
    }

    [Fact]
    public void A_re_sent_frame_should_add_nothing_to_its_containers()
    {
        _writer.Write([WithContainers(_nas, At(0), Container("web", 10))]);
        // The same frame again (the agent did not get the answer), now in a batch with a new one.
        _writer.Write([WithContainers(_nas, At(0), Container("web", 99)), WithContainers(_nas, At(5), Container("web", 20))]);

        Assert.Equal([(0, 15.0, 10.0, 20.0, 2L)], Containers()["web"]);
    }

    [Fact]
    public void A_late_frame_should_land_in_its_own_bucket_after_every_tier_is_summed()
    {
        _writer.Write([WithContainers(_nas, At(600), Container("web", 10)), WithContainers(_nas, At(605), Container("web", 10))]);
        RollUp(_db.Database);
        new BucketRollupStore(_db.Database).RollUp(TimeSpan.FromMinutes(5));

        _writer.Write([WithContainers(_nas, At(5), Container("web", 40))]);

        Assert.Equal([(0, 40.0, null, null, 1L), (600, 10.0, 10.0, 10.0, 2L)], Containers()["web"]);
    }

    [Fact]
    public void A_container_that_goes_away_should_leave_a_gap_and_come_back_under_its_name()
    {
        _writer.Write([
            WithContainers(_nas, At(0), Container("web", 1), Container("backup", 90)),
            WithContainers(_nas, At(300), Container("web", 2)),
            WithContainers(_nas, At(600), Container("web", 3), Container("backup", 80)),
        ]);

        var containers = Containers();

        Assert.Equal([0, 600], containers["backup"].Select(p => p.Second));
        Assert.Equal([0, 300, 600], containers["web"].Select(p => p.Second));
    }

    [Fact]
    public void A_name_twice_in_one_frame_should_count_once_the_first_listed()
    {
        _writer.Write([WithContainers(_nas, At(0), Container("web", 10), Container("web", 70)), WithContainers(_nas, At(5), Container("web", 20))]);

        Assert.Equal([(0, 15.0, 10.0, 20.0, 2L)], Containers()["web"]);
    }

    [Fact]
    public void A_frame_over_the_bound_should_keep_its_busiest_containers()
    {
        var frame = Frames.AfterT0(0);
        frame.Containers = Enumerable.Range(0, ItemReadings.MaxContainersPerFrame + 10)
            .Select(i => new Lumen.Protocol.Ingest.ContainerSample { Id = $"id{i}", Name = $"c{i:D2}", State = "running", CpuPct = i })
            .ToArray();

        _writer.Write([SnapshotRow.From(_nas, 1, frame, T0)]);

        var kept = Containers().Keys.Order().ToArray();
        Assert.Equal(ItemReadings.MaxContainersPerFrame, kept.Length);
        Assert.Equal("c10", kept[0]);
        Assert.Equal("c59", kept[^1]);
    }

    [Fact]
    public void Buckets_should_follow_the_bucket_size_setting_at_write_time()
    {
        var settings = new SettingsStore(_db.Database, SettingDefaults.BuiltIn, TimeProvider.System);
        using var writer = new SnapshotWriter(_db.Database, settings);
        writer.Write([WithContainers(_nas, At(0), Container("web", 10)), WithContainers(_nas, At(300), Container("web", 30))]);
        settings.Write(new Dictionary<string, string> { ["downsample_bucket_size"] = "10m" });

        writer.Write([WithContainers(_nas, At(600), Container("web", 50)), WithContainers(_nas, At(900), Container("web", 70))]);

        Assert.Equal([T0, At(300), At(600)], BucketStarts());
        Assert.Equal([(0, 20.0, 10.0, 30.0, 2L), (600, 60.0, 50.0, 70.0, 2L)], Containers(stepSeconds: 600)["web"]);
    }

    [Fact]
    public void Read_should_search_only_the_hosts_key_range()
    {
        var plan = _store.ExplainQueryPlan(ItemTable.Containers, _nas, Window(0, 3600, 300));

        Assert.Contains(plan, line => line.Contains("SEARCH container_buckets USING PRIMARY KEY (host_id=? AND bucket_ts>? AND bucket_ts<?)", StringComparison.Ordinal));
    }

    private DateTimeOffset[] BucketStarts()
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT bucket_ts FROM container_buckets ORDER BY bucket_ts;";
        using var reader = command.ExecuteReader();
        var starts = new List<DateTimeOffset>();
        while (reader.Read()) starts.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        return [.. starts];
    }
}
