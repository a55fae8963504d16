using System.Diagnostics;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lumen.Bench.History;

/// <summary>What a generated history database holds.</summary>
public sealed record HistoryFixture(string Path, int Hosts, long Rows, DateTimeOffset From, DateTimeOffset To, long FirstHostId);

/// <summary>
/// <c>Lumen.Bench history-db</c>: a hub database holding N hosts × D days of 5 s snapshot rows,
/// written in time order with every host's rows of a stretch in one transaction, as the
/// batcher writes them. A host's history is therefore spread over the file page by page, as in
/// a hub that has run for a week, not laid out contiguously as a host-by-host load would be.
/// </summary>
public static class HistoryDatabase
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>One transaction per hour of data: 720 ticks × the hosts.</summary>
    private const int TicksPerTransaction = 720;

    private const string InsertSql = """
        INSERT INTO snapshots
            (host_id, ts, cpu_pct, ram_pct, swap_pct, disk_pct, load1, load5, load15,
             net_rx_bps, net_tx_bps, disk_r_bps, disk_w_bps, temp_c)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);
        """;

    /// <summary>
    /// Creates the file (which must not exist) with <paramref name="hosts"/> hosts and rows every
    /// 5 s over the <paramref name="days"/> days ending at <paramref name="end"/>, and sets
    /// <c>retention_window</c> well above that so the hub keeps and serves all of it.
    /// </summary>
    public static HistoryFixture Create(string path, int hosts, int days, DateTimeOffset end, Action<string> progress)
    {
        if (File.Exists(path)) throw new IOException($"{path} exists already");
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
        using (var connection = database.Open())
        {
            Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
            Check(connection, raw.sqlite3_prepare_v2(connection.Handle, InsertSql, out var insert));
            using (insert)
            {
                var series = ids.Select((id, i) => new HostSeries(id, i)).ToArray();
                for (long tick = 0; tick < ticks; tick += TicksPerTransaction)
                {
                    Execute(connection, "BEGIN;");
                    for (var t = tick; t < Math.Min(ticks, tick + TicksPerTransaction); t++)
                    {
                        var ts = fromMs + t * (long)Tick.TotalMilliseconds;
                        foreach (var host in series) host.Insert(connection, insert, ts);
                    }
                    Execute(connection, "COMMIT;");
                    if (tick % (TicksPerTransaction * 24) == 0)
                        progress($"{(double)tick / ticks:P0} of {ticks * hosts:N0} rows, {started.Elapsed.TotalSeconds:F0} s");
                }
            }
            progress("checkpointing the WAL into the file");
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        }
        SqliteConnection.ClearAllPools();
        return new HistoryFixture(database.Path, hosts, ticks * hosts,
            DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), ids[0]);
    }

    /// <summary>
    /// One host's plausible series: a daily CPU cycle with noise, slowly moving memory and disk,
    /// bursty rates. Seeded by the host's index, so every run writes the same values.
    /// </summary>
    private sealed class HostSeries(long id, int index)
    {
        private readonly Random _random = new(index);
        private double _ram = 30 + index % 50;
        private double _disk = 20 + index % 70;

        public void Insert(SqliteConnection connection, sqlite3_stmt insert, long ts)
        {
            var dayPhase = ts % 86_400_000 / 86_400_000.0 * 2 * Math.PI;
            var cpu = Math.Clamp(25 + 20 * Math.Sin(dayPhase + index) + _random.NextDouble() * 15, 0, 100);
            _ram = Math.Clamp(_ram + (_random.NextDouble() - 0.5) * 0.2, 5, 95);
            _disk = Math.Clamp(_disk + 0.00002, 0, 100);
            var load = cpu / 25;
            raw.sqlite3_bind_int64(insert, 1, id);
            raw.sqlite3_bind_int64(insert, 2, ts);
            raw.sqlite3_bind_double(insert, 3, Math.Round(cpu, 2));
            raw.sqlite3_bind_double(insert, 4, Math.Round(_ram, 2));
            raw.sqlite3_bind_double(insert, 5, Math.Round(_random.NextDouble() * 3, 2));
            raw.sqlite3_bind_double(insert, 6, Math.Round(_disk, 2));
            raw.sqlite3_bind_double(insert, 7, Math.Round(load * (0.8 + _random.NextDouble() * 0.4), 2));
            raw.sqlite3_bind_double(insert, 8, Math.Round(load, 2));
            raw.sqlite3_bind_double(insert, 9, Math.Round(load * 0.95, 2));
            raw.sqlite3_bind_double(insert, 10, Math.Round(_random.NextDouble() * 2e6, 1));
            raw.sqlite3_bind_double(insert, 11, Math.Round(_random.NextDouble() * 5e5, 1));
            raw.sqlite3_bind_double(insert, 12, _random.Next(0, 1_000_000));
            raw.sqlite3_bind_double(insert, 13, _random.Next(0, 3_000_000));
            raw.sqlite3_bind_double(insert, 14, Math.Round(35 + cpu / 4, 1));
            var result = raw.sqlite3_step(insert);
            raw.sqlite3_reset(insert);
            if (result != raw.SQLITE_DONE) Check(connection, result);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new SqliteException($"generating the history database failed: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}", result);
    }
}
