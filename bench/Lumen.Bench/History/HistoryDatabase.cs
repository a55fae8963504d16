using System.Diagnostics;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.History;

/// <summary>What a generated history database holds.</summary>
public sealed record HistoryFixture(string Path, int Hosts, long Rows, DateTimeOffset From, DateTimeOffset To, long FirstHostId);

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
    /// Creates the file (which must not exist) with <paramref name="hosts"/> hosts and rows every
    /// 5 s over the <paramref name="days"/> days ending at <paramref name="end"/>, and sets
    /// <c>retention_window</c> well above that so the hub keeps and serves all of it.
    /// </summary>
    public static HistoryFixture Create(string path, int hosts, int days, DateTimeOffset end, Action<string> progress)
    {
        if (File.Exists(path)) throw new IOException($"{path} exists already");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var database = new LumenDatabase(path);
        database.Initialise();
        var store = new HostStore(database, TimeProvider.System);
        var ids = Enumerable.Range(0, hosts).Select(i => store.Add($"history-{i:D3}").Host.Id.Value).ToArray();
        new SettingsStore(database, SettingDefaults.BuiltIn, TimeProvider.System)
            .Write(new Dictionary<string, string> { ["retention_window"] = $"{Math.Max(30, days * 2)}d" });

        var endMs = end.ToUnixTimeMilliseconds() / (long)Tick.TotalMilliseconds * (long)Tick.TotalMilliseconds;
        var ticks = (long)(TimeSpan.FromDays(days) / Tick);
        var fromMs = endMs - (ticks - 1) * (long)Tick.TotalMilliseconds;
        var started = Stopwatch.StartNew();
        var series = ids.Select((id, i) => new HostSeries(new HostId(id), i)).ToArray();
        using (var writer = new SnapshotWriter(database))
        {
            for (long tick = 0; tick < ticks; tick += TicksPerBatch)
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
        progress("summing the minute rollup, as the hub's HistoryRollupActor catches up on start");
        var rollup = new MinuteRollupStore(database).RollUp(DateTimeOffset.FromUnixTimeMilliseconds(endMs) + MinuteRollupStore.DefaultLag + TimeSpan.FromMinutes(1));
        progress($"{rollup.Rows:N0} minutes of {rollup.Hosts} hosts summed in {rollup.Chunks:N0} chunks, {rollup.Elapsed.TotalSeconds:F1} s");
        progress("checkpointing the WAL into the file");
        using (var connection = database.Open())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return new HistoryFixture(database.Path, hosts, ticks * hosts,
            DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), ids[0]);
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
