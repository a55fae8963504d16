using System.Text;
using Lumen.Bench.Load;
using Lumen.Hub.History;
using Lumen.Hub.Storage;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Bench.Phases;

/// <summary>
/// Commit times of full batches, in the order they ran, the CPU time the writing thread used for
/// each (which waiting for a busy core does not inflate), and the container and GPU bucket upserts they wrote.
/// </summary>
public sealed record FlushResult(int RowsPerFlush, int Hosts, IReadOnlyList<TimeSpan> Times, int? ContainersPerHost = null, long ItemUpserts = 0)
{
    public IReadOnlyList<TimeSpan> CpuTimes { get; init; } = [];
    public TimeSpan P50 => Times.Order().ElementAt(Times.Count / 2);
    public TimeSpan Max => Times.Max();
    public TimeSpan CpuP50 => CpuTimes.Count == 0 ? TimeSpan.Zero : CpuTimes.Order().ElementAt(CpuTimes.Count / 2);
}

/// <summary>
/// Times the hub's <see cref="SnapshotWriter"/> committing full batches (rows from all hosts,
/// the hosts' last-seen and metadata, their containers' and GPUs' buckets) into a database on
/// disk, as the batcher does every <c>LUMEN_HUB_BATCH_FLUSH_SIZE</c> rows. The first batch,
/// which opens the connection and prepares the statements, is run but not counted.
/// </summary>
public static class FlushPhase
{
    public const int RowsPerFlush = 5000;
    private static readonly TimeSpan AgentInterval = TimeSpan.FromSeconds(5);

    /// <param name="containersPerHost">
    /// null: the frames as the simulated agents send them (0–4 containers, a GPU on every fifth
    /// host); otherwise exactly that many containers per frame (their CPU moving tick by tick)
    /// and no GPU, so 0 times a flush without container history.
    /// </param>
    /// <param name="historyDays">days of container history (5-minute buckets of every host's containers) the file holds before the flushes, as a hub that has run that long</param>
    public static FlushResult Run(LumenDatabase database, IReadOnlyList<SimulatedAgent> hosts, int repetitions, int? containersPerHost = null, int historyDays = 0)
    {
        var frames = hosts.Select(ParsedFrame).ToArray();
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (containersPerHost is > 0 and var perHost && historyDays > 0) AddContainerHistory(database, hosts, perHost, start, historyDays);
        using var writer = new SnapshotWriter(database);
        var times = new List<TimeSpan>();
        var cpuTimes = new List<TimeSpan>();
        var seq = 0L;
        var upsertsBefore = 0L;
        for (var batch = 0; batch <= repetitions; batch++)
        {
            var rows = new SnapshotRow[RowsPerFlush];
            for (var i = 0; i < RowsPerFlush; i++)
            {
                var host = i % hosts.Count;
                var tick = (long)batch * RowsPerFlush + i;
                var frame = frames[host] with { Ts = start + AgentInterval * (tick / hosts.Count) };
                if (containersPerHost is { } count) frame = frame with { Containers = Containers(count, tick), Gpus = null };
                rows[i] = SnapshotRow.From(hosts[host].Id, ++seq, frame, DateTimeOffset.UtcNow);
            }
            var cpuBefore = Processes.Posix.ThreadCpuTime();
            var written = writer.Write(rows);
            var cpu = Processes.Posix.ThreadCpuTime() - cpuBefore;
            if (written.Inserted != RowsPerFlush)
                throw new InvalidOperationException($"flush stored {written.Inserted} of {RowsPerFlush} rows");
            if (batch > 0)
            {
                times.Add(written.Elapsed);
                cpuTimes.Add(cpu);
            }
            else upsertsBefore = writer.ItemUpserts;
        }
        return new FlushResult(RowsPerFlush, hosts.Count, times, containersPerHost, writer.ItemUpserts - upsertsBefore) { CpuTimes = cpuTimes };
    }

    private static readonly string[] Names = Enumerable.Range(0, 100).Select(i => $"service-{i:D2}").ToArray();

    /// <summary>
    /// The container table as a hub leaves it after <paramref name="days"/>: every host's containers
    /// in every 5-minute bucket before <paramref name="before"/>, inserted in time order (as the
    /// writer adds them, bucket by bucket), so each host's rows are spread page by page.
    /// </summary>
    private static void AddContainerHistory(LumenDatabase database, IReadOnlyList<SimulatedAgent> hosts, int perHost, DateTimeOffset before, int days)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            WITH RECURSIVE bucket(ts) AS (SELECT $first UNION ALL SELECT ts + 300000 FROM bucket WHERE ts + 300000 < $before),
                 container(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM container WHERE i + 1 < $per_host)
            INSERT INTO container_buckets (host_id, bucket_ts, name, samples, cpu_pct, cpu_pct_min, cpu_pct_max,
                mem_used_bytes, mem_used_bytes_min, mem_used_bytes_max, mem_pct, mem_pct_min, mem_pct_max)
            SELECT h.id, bucket.ts, printf('service-%02d', container.i), 60, 600, 1, 20, 4026531840, 67108864, 67108864, 90, 1.5, 1.5
            FROM bucket, hosts h, container
            ORDER BY bucket.ts, h.id, container.i;
            """;
        var firstBucket = TierSums.SlotOf(before.AddDays(-days).ToUnixTimeMilliseconds(), 300_000);
        command.Parameters.AddWithValue("$first", firstBucket);
        command.Parameters.AddWithValue("$before", TierSums.SlotOf(before.ToUnixTimeMilliseconds(), 300_000));
        command.Parameters.AddWithValue("$per_host", perHost);
        command.CommandTimeout = 600;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static ContainerSample[] Containers(int count, long tick) =>
        Enumerable.Range(0, count).Select(i => new ContainerSample
        {
            Id = $"{i:x12}", Name = Names[i % Names.Length], Image = "example/service:1", State = "running",
            CpuPct = (tick * 7 + i * 13) % 200 / 2.0, MemUsedBytes = (64L + i) << 20, MemLimitBytes = 4L << 30, MemPct = 1.5 + i,
        }).ToArray();

    /// <summary>A frame as the hub holds it after parsing a real body, metadata included.</summary>
    private static IngestFrame ParsedFrame(SimulatedAgent agent) =>
        FrameParser.Parse(Encoding.UTF8.GetBytes(FramesFile.Body(agent))).Frame!;
}
