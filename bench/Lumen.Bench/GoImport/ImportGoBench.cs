using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lumen.Hub.GoImport;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.GoImport;

/// <summary>
/// <c>lumen-bench import-go [--rows N] [--hosts H] [--folder DIR]</c>: builds a Go v0.7.7 hub's
/// database (go-lumen-compat §1: goose version 25, snapshots with their time in form B, hosts
/// with hex token hashes) holding N snapshot rows of H hosts at 5 s, imports it into a fresh hub
/// database the way <c>lumen-hub import-go</c> does, then again (which must add nothing), and
/// prints rows/s of each with the load average. The goal is 200,000 rows/s.
/// </summary>
public static class ImportGoBench
{
    public const double GoalRowsPerSecond = 200_000;

    public static int Run(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var hosts = Option(args, "--hosts", 50);
        var folder = Path.Combine(args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault() ?? Path.GetTempPath(), $"lumen-import-go-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var goPath = Path.Combine(folder, "go-lumen.db");
            var built = Stopwatch.StartNew();
            BuildGoDatabase(goPath, rows, hosts);
            Console.WriteLine($"built a Go database of {rows:N0} snapshot rows of {hosts} hosts in {built.Elapsed.TotalSeconds:F1} s ({new FileInfo(goPath).Length / 1048576.0:F0} MiB)");

            var hubPath = Path.Combine(folder, "lumen.db");
            var first = Measure("first import", () => GoDatabaseImporter.Import(goPath, hubPath, new GoImportOptions()));
            var second = Measure("second import", () => GoDatabaseImporter.Import(goPath, hubPath, new GoImportOptions()));
            if (first.Imported("snapshots") != rows || !second.AddedNothing)
            {
                Console.Error.WriteLine($"lumen-bench import-go: expected {rows:N0} rows imported once and nothing the second time; got {first.Imported("snapshots"):N0} and {second.Imported("snapshots"):N0}");
                return 2;
            }
            var met = first.SnapshotRowsPerSecond >= GoalRowsPerSecond;
            Console.WriteLine($"goal {GoalRowsPerSecond:N0} rows/s: {(met ? "met" : "MISSED")}");
            return met ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GoImportReport Measure(string what, Func<GoImportReport> import)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var report = import();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {report.Imported("snapshots"):N0} rows imported, {report.AlreadyHere("snapshots"):N0} already here, snapshots at {report.SnapshotRowsPerSecond:N0} rows/s, whole import {report.Elapsed.TotalSeconds:F1} s; load average before: {load}, after: {File.ReadAllText("/proc/loadavg").Trim()}"));
        return report;
    }

    private static void BuildGoDatabase(string path, int rows, int hosts)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
            CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));
            INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (25, 1);
            CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE hosts (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE COLLATE NOCASE, token_hash TEXT NOT NULL UNIQUE,
                created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, last_seen_at DATETIME, system_os TEXT, system_hostname TEXT, system_primary_ip TEXT,
                system_kernel TEXT, system_arch TEXT, system_cpu_model TEXT, system_uptime_seconds INTEGER, agent_version TEXT, metadata_updated_at DATETIME,
                silenced_until INTEGER, system_virt_type TEXT, public_visible BOOLEAN NOT NULL DEFAULT 0);
            CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, ts DATETIME NOT NULL,
                cpu_pct REAL NOT NULL DEFAULT 0, ram_pct REAL NOT NULL DEFAULT 0, swap_pct REAL NOT NULL DEFAULT 0, disk_pct REAL NOT NULL DEFAULT 0,
                load1 REAL NOT NULL DEFAULT 0, load5 REAL NOT NULL DEFAULT 0, load15 REAL NOT NULL DEFAULT 0, net_rx_bps REAL NOT NULL DEFAULT 0,
                net_tx_bps REAL NOT NULL DEFAULT 0, disk_r_bps REAL NOT NULL DEFAULT 0, disk_w_bps REAL NOT NULL DEFAULT 0, temp_c REAL NOT NULL DEFAULT 0);
            CREATE INDEX idx_snapshots_host_ts ON snapshots(host, ts);
            """);
        using var transaction = connection.BeginTransaction();
        for (var h = 0; h < hosts; h++)
            Execute(connection, $"INSERT INTO hosts (name, token_hash) VALUES ('host-{h}', '{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"lum_bench_{h}")))}');", transaction);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO snapshots (host, ts, cpu_pct, ram_pct, swap_pct, disk_pct, load1, load5, load15, net_rx_bps, net_tx_bps, disk_r_bps, disk_w_bps, temp_c)
            VALUES ($host, $ts, $v, $v, 1, 40, 0.5, 0.4, 0.3, 1000, 2000, 300, 400, 45);
            """;
        var host = insert.Parameters.Add("$host", SqliteType.Text);
        var ts = insert.Parameters.Add("$ts", SqliteType.Text);
        var value = insert.Parameters.Add("$v", SqliteType.Real);
        insert.Prepare();
        // As a Go hub stores them: each tick one row per host, in time order, ending now.
        var ticks = (rows + hosts - 1) / hosts;
        var start = DateTimeOffset.UtcNow.AddSeconds(-5.0 * ticks);
        for (var i = 0; i < rows; i++)
        {
            var at = start.AddSeconds(5.0 * (i / hosts)).AddMilliseconds(i % hosts);
            host.Value = $"host-{i % hosts}";
            ts.Value = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
            value.Value = i % 100;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Option(string[] args, string name, int otherwise) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : otherwise;
}
