using System.Collections.Concurrent;
using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Ingest;
using Lumen.Hub.Retention;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Ingest;
using Microsoft.Extensions.Logging;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Items.ItemRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>How long container, GPU, disk, NIC and filesystem history stays: swept with the archive, removed with its host, and what a frame over the bound leaves in the log.</summary>
public sealed class ItemHistoryLifecycleSpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HostStore _hosts;
    private readonly HostId _nas;

    public ItemHistoryLifecycleSpecs()
    {
        _hosts = new HostStore(_db.Database, TimeProvider.System);
        _nas = _hosts.Add("nas").Host.Id;
    }

    public void Dispose() => _db.Dispose();

    private long Rows(string table, HostId host) => _db.Scalar($"SELECT count(*) FROM {table} WHERE host_id = {host.Value};");

    /// <summary>A frame with a container and a GPU every 5 minutes for <paramref name="buckets"/> buckets.</summary>
    private void WriteBuckets(HostId host, int buckets)
    {
        using var writer = new SnapshotWriter(_db.Database);
        writer.Write(Enumerable.Range(0, buckets)
            .Select(i => WithContainers(host, T0.AddMinutes(5 * i), Container("web", i)) with
            {
                Gpus = [Gpu(0, i)], Disks = [Device("sda", i)], Nics = [Device("eno1", i)], Filesystems = [Filesystem("/", i)],
            })
            .ToArray());
    }

    [Fact]
    public void Retention_should_sweep_item_buckets_older_than_the_archive_window_and_keep_the_rest()
    {
        WriteBuckets(_nas, 4);

        var result = new RetentionStore(_db.Database).Sweep(new TierCutoffs(Raw: null, Archive: T0.AddMinutes(10)));

        Assert.Equal(10, result.ItemBucketsDeleted);
        var left = new ItemHistoryStore(_db.Database);
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(15)], left.ReadContainers(_nas, Window(0, 3600, 300)).Single().Points.Select(p => p.Ts));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(15)], left.ReadGpus(_nas, Window(0, 3600, 300)).Single().Points.Select(p => p.Ts));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(15)], left.ReadDisks(_nas, Window(0, 3600, 300)).Single().Points.Select(p => p.Ts));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(15)], left.ReadNics(_nas, Window(0, 3600, 300)).Single().Points.Select(p => p.Ts));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(15)], left.ReadFilesystems(_nas, Window(0, 3600, 300)).Single().Points.Select(p => p.Ts));
    }

    [Fact]
    public void Retention_should_keep_container_buckets_when_only_raw_rows_are_swept()
    {
        WriteBuckets(_nas, 4);

        new RetentionStore(_db.Database).Sweep(T0.AddDays(1));

        Assert.Equal(4, Rows("container_buckets", _nas));
    }

    [Fact]
    public void Removing_a_host_should_remove_its_item_history_and_no_other_hosts()
    {
        var pi = _hosts.Add("pi").Host.Id;
        WriteBuckets(_nas, 3);
        WriteBuckets(pi, 2);

        _hosts.Remove("nas");

        Assert.Equal((0L, 0L), (Rows("container_buckets", _nas), Rows("gpu_buckets", _nas)));
        Assert.Equal((0L, 0L, 0L), (Rows("disk_buckets", _nas), Rows("nic_buckets", _nas), Rows("filesystem_buckets", _nas)));
        Assert.Equal((2L, 2L), (Rows("container_buckets", pi), Rows("gpu_buckets", pi)));
        Assert.Equal((2L, 2L, 2L), (Rows("disk_buckets", pi), Rows("nic_buckets", pi), Rows("filesystem_buckets", pi)));
    }

    [Fact]
    public async Task Batch_persister_should_say_once_per_host_that_history_keeps_only_the_busiest_containers()
    {
        var log = new ListLogger<BatchPersister>();
        using var writer = new SnapshotWriter(_db.Database);
        var ledger = new DurabilityLedger();
        var persister = new BatchPersister(writer, ledger, log);
        var crowded = Frames.AfterT0(0);
        crowded.Containers = Enumerable.Range(0, 70).Select(i => new ContainerSample { Id = $"{i}", Name = $"c{i}", State = "running", CpuPct = i }).ToArray();

        await persister.PersistAsync([SnapshotRow.From(_nas, ledger.Issue(_nas), crowded, T0)]);
        await persister.PersistAsync([SnapshotRow.From(_nas, ledger.Issue(_nas), crowded with { Ts = T0.AddSeconds(5) }, T0)]);

        var warning = Assert.Single(log.Messages);
        Assert.Contains($"Host {_nas.Value} reports 70 containers; history keeps the 50 busiest by CPU of each frame", warning);
        Assert.Equal(50, Rows("container_buckets", _nas));
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
