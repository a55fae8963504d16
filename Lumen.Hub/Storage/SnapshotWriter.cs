using System.Diagnostics;
using System.Text.Json;
using Lumen.Hub.Batching;
using Lumen.Hub.Hosts;
using Lumen.Protocol;
using Lumen.Protocol.Ingest;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Storage;

/// <summary>What one committed batch did.</summary>
public sealed record BatchWritten(int Rows, int Inserted, int Hosts, TimeSpan Elapsed);

/// <summary>
/// Writes one batch of snapshot rows in one transaction: the rows (a re-sent frame is
/// ignored by the (host, ts) key; rows of a host deleted meanwhile are skipped) and each
/// host's last-seen time and metadata. Used by one stream stage at a time, so it keeps one
/// connection and its prepared statements.
/// </summary>
public sealed class SnapshotWriter(LumenDatabase database) : IDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _touchHost;

    public BatchWritten Write(IReadOnlyList<SnapshotRow> rows)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            EnsureOpen();
            using var transaction = _connection!.BeginTransaction();
            _insert!.Transaction = transaction;
            _touchHost!.Transaction = transaction;

            var inserted = 0;
            var hosts = new Dictionary<HostId, (long SeenMs, SystemInfo? System)>();
            foreach (var row in rows)
            {
                inserted += Insert(row);
                hosts[row.HostId] = hosts.TryGetValue(row.HostId, out var seen)
                    ? (Math.Max(seen.SeenMs, row.ReceivedAtUnixMs), row.System ?? seen.System)
                    : (row.ReceivedAtUnixMs, row.System);
            }
            foreach (var (host, (seenMs, system)) in hosts) TouchHost(host, seenMs, system);

            transaction.Commit();
            return new BatchWritten(rows.Count, inserted, hosts.Count, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            // A failed connection may be in any state: start the retry from a fresh one.
            Dispose();
            throw;
        }
    }

    private int Insert(in SnapshotRow row)
    {
        var p = _insert!.Parameters;
        p[0].Value = row.HostId.Value; p[1].Value = row.TsUnixMs;
        p[2].Value = row.CpuPct; p[3].Value = row.RamPct; p[4].Value = row.SwapPct; p[5].Value = row.DiskPct;
        p[6].Value = row.Load1; p[7].Value = row.Load5; p[8].Value = row.Load15;
        p[9].Value = row.NetRxBps; p[10].Value = row.NetTxBps; p[11].Value = row.DiskRBps; p[12].Value = row.DiskWBps;
        p[13].Value = row.TempC;
        return _insert.ExecuteNonQuery();
    }

    private void TouchHost(HostId host, long seenMs, SystemInfo? system)
    {
        var p = _touchHost!.Parameters;
        p[0].Value = host.Value;
        p[1].Value = seenMs;
        p[2].Value = system is null ? DBNull.Value : JsonSerializer.Serialize(system, LumenJsonContext.Default.SystemInfo);
        _touchHost.ExecuteNonQuery();
    }

    private void EnsureOpen()
    {
        if (_connection is not null) return;
        _connection = database.Open();
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT OR IGNORE INTO snapshots
                (host_id, ts, cpu_pct, ram_pct, swap_pct, disk_pct, load1, load5, load15,
                 net_rx_bps, net_tx_bps, disk_r_bps, disk_w_bps, temp_c)
            SELECT $h, $ts, $cpu, $ram, $swap, $disk, $l1, $l5, $l15, $rx, $tx, $dr, $dw, $temp
            WHERE EXISTS (SELECT 1 FROM hosts WHERE id = $h);
            """;
        foreach (var name in (string[])["$h", "$ts", "$cpu", "$ram", "$swap", "$disk", "$l1", "$l5", "$l15", "$rx", "$tx", "$dr", "$dw", "$temp"])
            _insert.Parameters.Add(new SqliteParameter(name, null));
        _insert.Prepare();

        _touchHost = _connection.CreateCommand();
        _touchHost.CommandText = """
            UPDATE hosts SET last_seen_at = max(coalesce(last_seen_at, 0), $seen),
                             system_json = coalesce($system, system_json)
            WHERE id = $h;
            """;
        _touchHost.Parameters.Add(new SqliteParameter("$h", null));
        _touchHost.Parameters.Add(new SqliteParameter("$seen", null));
        _touchHost.Parameters.Add(new SqliteParameter("$system", null));
        _touchHost.Prepare();
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _touchHost?.Dispose();
        _connection?.Dispose();
        (_insert, _touchHost, _connection) = (null, null, null);
    }
}
