using System.Diagnostics;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.History;

/// <summary>What a generated history database holds, and what building its tiers for the newest day cost.</summary>
public sealed record HistoryFixture(string Path, int Hosts, long Rows, DateTimeOffset From, DateTimeOffset To, long FirstHostId,
    TimeSpan? DailyTierCost = null);

/// <summary>
/// <c>Lumen.Bench history-db</c>: a hub database holding N hosts × D days of 5 s snapshot rows,
/// written in time order through the hub's own <see cref="SnapshotWriter"/> a minute of every
/// host per transaction, as the batcher writes them. A host's history is therefore spread over the file page by page, as in
/// a hub that has run for a week, not laid out contiguously as a host-by-host load would be.
/// </summary>
public static class HistoryDatabase
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A minute of every host per batch, as the batcher's 60 s flush writes them: the rows and
    /// the minute rollup land on the pages they would in a hub that ran for the whole time.
    /// </summary>
    private const int TicksPerBatch = 12;

    /// <summary>
    /// Creates the file (which must not exist) with <paramref name="hosts"/> hosts and samples
    /// every 5 s over the <paramref name="days"/> days ending at <paramref name="end"/>. The
    /// newest <paramref name="rawDays"/> are raw rows through the hub's writer; older days, when
    /// there are any, exist only as the archive a hub keeps past its raw window: each minute's
    /// twelve samples summed (count, sum, lowest, highest) into <c>snapshot_minutes</c>, then
    /// summed into 5-minute buckets and hours by the hub's own <see cref="BucketRollupStore"/> and the
    /// minutes swept by its <see cref="Lumen.Hub.Retention.RetentionStore"/>, as a hub that ran
    /// the whole time would have left them. Sets the windows so the hub keeps and serves it all.
    /// </summary>
    public static HistoryFixture Create(string path, int hosts, int days, DateTimeOffset end, Action<string> progress, int? rawDays = null)
    {
        var raw = Math.Min(days, rawDays ?? days);
        if (File.Exists(path)) throw new IOException($"{path} exists already");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var database = new LumenDatabase(path);
        database.Initialise();
        var store = new HostStore(database, TimeProvider.System);
        var ids = Enumerable.Range(0, hosts).Select(i => store.Add($"history-{i:D3}").Host.Id.Value).ToArray();
        new SettingsStore(database, SettingDefaults.BuiltIn, TimeProvider.System).Write(new Dictionary<string, string>
        {
            ["retention_window"] = raw < days ? $"{raw * 24 + 1}h" : $"{Math.Max(30, days * 2)}d",
            ["downsample_archive_window"] = $"{Math.Max(400, days + 30)}d",
        });

        var endMs = end.ToUnixTimeMilliseconds() / (long)Tick.TotalMilliseconds * (long)Tick.TotalMilliseconds;
        var ticks = (long)(TimeSpan.FromDays(days) / Tick);
        // Whole minutes from the first sample on, as the archive's minutes are.
        var fromMs = endMs - (ticks - 1) * (long)Tick.TotalMilliseconds;
        fromMs -= fromMs % TierSums.MinuteMs;
        endMs = fromMs + (ticks - 1) * (long)Tick.TotalMilliseconds;
        var started = Stopwatch.StartNew();
        var series = ids.Select((id, i) => new HostSeries(new HostId(id), i)).ToArray();
        var rawFromTick = ticks - (long)(TimeSpan.FromDays(raw) / Tick);
        rawFromTick -= rawFromTick % TicksPerBatch; // the archive ends on a whole minute
        if (rawFromTick > 0) WriteArchive(database, fromMs, rawFromTick, progress);
        using (var writer = new SnapshotWriter(database))
        {
            for (long tick = rawFromTick; tick < ticks; tick += TicksPerBatch)
            {
                var rows = new List<SnapshotRow>((int)(TicksPerBatch * hosts));
                for (var t = tick; t < Math.Min(ticks, tick + TicksPerBatch); t++)
                {
                    var ts = fromMs + t * (long)Tick.TotalMilliseconds;
                    foreach (var host in series) rows.Add(host.Next(ts));
                }
                writer.Write(rows);
                if (tick % (TicksPerBatch * 720) == 0)
                    progress($"{(double)tick / ticks:P0} of {ticks * hosts:N0} rows, {started.Elapsed.TotalSeconds:F0} s");
            }
        }
        progress("summing the minute rollup and the buckets, as the hub's HistoryRollupActor catches up on start");
        var rollup = new MinuteRollupStore(database).RollUp(DateTimeOffset.FromUnixTimeMilliseconds(endMs) + MinuteRollupStore.DefaultLag + TimeSpan.FromMinutes(1));
        var buckets = new BucketRollupStore(database).RollUp(TimeSpan.FromMinutes(5));
        var hours = new BucketRollupStore(database, CoarseTier.Hours).RollUp(CoarseTier.HourSize);
        progress($"{rollup.Rows:N0} minutes of {rollup.Hosts} hosts summed in {rollup.Chunks:N0} chunks, {rollup.Elapsed.TotalSeconds:F1} s; " +
                 $"{buckets.Rows:N0} buckets in {buckets.Elapsed.TotalSeconds:F1} s, {hours.Rows:N0} hours in {hours.Elapsed.TotalSeconds:F1} s");
        progress("checkpointing the WAL into the file");
        using (var connection = database.Open())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return new HistoryFixture(database.Path, hosts, ticks * hosts,
            DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), ids[0],
            (rollup.Elapsed + buckets.Elapsed + hours.Elapsed) / raw);
    }

    /// <summary>
    /// A day of every host's minutes, generated by SQLite: per metric a daily cycle around a
    /// level of its own, with a spread between the minute's lowest and highest sample. A minute
    /// stands for twelve 5 s samples, as the minute rollup would have summed them.
    /// </summary>
    private static readonly string ArchiveDaySql = $"""
        WITH RECURSIVE minute(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM minute WHERE i < $minutes - 1),
        sample AS (
            SELECT h.id AS host_id, $from + minute.i * 60000 AS minute_ts,
                   sin(($from + minute.i * 60000) % 86400000 / 86400000.0 * 6.2832 + h.id) AS phase,
                   (abs(random()) % 1000) / 1000.0 AS spread
            FROM hosts h, minute)
        INSERT INTO snapshot_minutes (host_id, minute_ts, samples, {ScalarColumns.TierNames})
        SELECT host_id, minute_ts, 12, {string.Join(", ", ScalarMetrics.All.Select(ArchiveColumns))}
        FROM sample WHERE true;
        """;

    /// <summary>A metric's sum, lowest and highest for a minute, around a level that tells the metrics apart.</summary>
    private static string ArchiveColumns(ScalarMetric metric)
    {
        var level = metric.Unit == "%" ? 10 + 5 * metric.Index : 100 * (metric.Index + 1);
        var average = $"({level} * (1 + 0.5 * phase))";
        return FormattableString.Invariant($"12 * {average}, {average} * (1 - 0.2 * spread), {average} * (1 + 0.2 * spread)");
    }

    /// <summary>
    /// The days before the raw window, a day at a time: every host's minutes as the minute rollup
    /// would have summed them, then the hub's bucket rollup over them and its retention sweep of
    /// the minutes (the file stays as large as a hub's would, not a year of minutes).
    /// </summary>
    private static void WriteArchive(LumenDatabase database, long fromMs, long ticks, Action<string> progress)
    {
        var started = Stopwatch.StartNew();
        var bucketRollup = new BucketRollupStore(database);
        var hourRollup = new BucketRollupStore(database, CoarseTier.Hours);
        var retention = new Lumen.Hub.Retention.RetentionStore(database);
        var ticksPerDay = (long)(TimeSpan.FromDays(1) / Tick);
        using var connection = database.Open();
        for (long day = 0; day < ticks; day += ticksPerDay)
        {
            var dayFrom = fromMs + day * (long)Tick.TotalMilliseconds;
            var until = fromMs + Math.Min(ticks, day + ticksPerDay) * (long)Tick.TotalMilliseconds;
            using (var transaction = connection.BeginTransaction())
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = ArchiveDaySql + """
                    INSERT INTO snapshot_minutes_until (host_id, until_ms) SELECT id, $until FROM hosts WHERE true
                    ON CONFLICT (host_id) DO UPDATE SET until_ms = excluded.until_ms;
                    """;
                command.Parameters.AddWithValue("$from", dayFrom);
                command.Parameters.AddWithValue("$minutes", (until - dayFrom) / TierSums.MinuteMs);
                command.Parameters.AddWithValue("$until", until);
                command.ExecuteNonQuery();
                transaction.Commit();
            }
            bucketRollup.RollUp(TimeSpan.FromMinutes(5));
            hourRollup.RollUp(CoarseTier.HourSize);
            retention.Sweep(DateTimeOffset.FromUnixTimeMilliseconds(until));
            if (day / ticksPerDay % 30 == 0)
                progress($"archive: day {day / ticksPerDay + 1} of {(ticks + ticksPerDay - 1) / ticksPerDay}, {started.Elapsed.TotalSeconds:F0} s");
        }
    }

    /// <summary>
    /// One host's plausible series: a daily CPU cycle with noise, slowly moving memory and disk,
    /// bursty rates. Seeded by the host's index, so every run writes the same values.
    /// </summary>
    private sealed class HostSeries(HostId id, int index)
    {
        private readonly Random _random = new(index);
        private double _ram = 30 + index % 50;
        private double _disk = 20 + index % 70;

        public SnapshotRow Next(long ts)
        {
            var dayPhase = ts % 86_400_000 / 86_400_000.0 * 2 * Math.PI;
            var cpu = Math.Clamp(25 + 20 * Math.Sin(dayPhase + index) + _random.NextDouble() * 15, 0, 100);
            _ram = Math.Clamp(_ram + (_random.NextDouble() - 0.5) * 0.2, 5, 95);
            _disk = Math.Clamp(_disk + 0.00002, 0, 100);
            var load = cpu / 25;
            var frame = new IngestFrame
            {
                Ts = DateTimeOffset.FromUnixTimeMilliseconds(ts),
                [ScalarMetrics.CpuPct] = Math.Round(cpu, 2),
                [ScalarMetrics.RamPct] = Math.Round(_ram, 2),
                [ScalarMetrics.SwapPct] = Math.Round(_random.NextDouble() * 3, 2),
                [ScalarMetrics.DiskPct] = Math.Round(_disk, 2),
                [ScalarMetrics.Load1] = Math.Round(load * (0.8 + _random.NextDouble() * 0.4), 2),
                [ScalarMetrics.Load5] = Math.Round(load, 2),
                [ScalarMetrics.Load15] = Math.Round(load * 0.95, 2),
                [ScalarMetrics.NetRxBps] = Math.Round(_random.NextDouble() * 2e6, 1),
                [ScalarMetrics.NetTxBps] = Math.Round(_random.NextDouble() * 5e5, 1),
                [ScalarMetrics.DiskRBps] = _random.Next(0, 1_000_000),
                [ScalarMetrics.DiskWBps] = _random.Next(0, 3_000_000),
                [ScalarMetrics.TempC] = Math.Round(35 + cpu / 4, 1),
            };
            return SnapshotRow.From(id, 0, frame, frame.Ts);
        }
    }
}
