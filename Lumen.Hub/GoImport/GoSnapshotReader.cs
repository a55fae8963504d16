using System.Text;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Metrics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lumen.Hub.GoImport;

/// <summary>What reading the Go snapshots left out: rows of hosts not imported, rows older than <c>--history-days</c>, rows whose time is unreadable.</summary>
public sealed record SnapshotsLeftOut(long OfHostsNotImported, long OlderThanKept, long UnreadableTime);

/// <summary>
/// Reads the Go hub's <c>snapshots</c> in the source's read transaction, in storage order (a
/// table scan, the fastest read), as this hub's <see cref="SnapshotRow"/>s in batches: the
/// host name mapped to this hub's id, the time (form B) parsed from its bytes, each metric of
/// the catalogue (<see cref="ScalarMetrics"/>) from the Go column of its name, 0 where the Go
/// schema has none (<c>cpu_steal_pct</c>; the five added by Go migration 4 in older files).
/// </summary>
/// <remarks>Bound through SQLite's own API, as <see cref="SnapshotWriter"/> writes: a million rows through ADO.NET costs more than SQLite does.</remarks>
public sealed class GoSnapshotReader(GoSource source, IReadOnlyDictionary<string, HostId> hosts, long? keepFromMs)
{
    private long _ofHostsNotImported, _olderThanKept, _unreadableTime;

    public SnapshotsLeftOut LeftOut => new(_ofHostsNotImported, _olderThanKept, _unreadableTime);

    /// <summary>Every kept row, <paramref name="batchRows"/> at a time.</summary>
    public IEnumerable<List<SnapshotRow>> Read(int batchRows)
    {
        var sql = $"SELECT host, ts, {string.Join(", ", ScalarMetrics.All.Select(m => source.Schema.Has("snapshots", m.Name) ? m.Name : "0"))} FROM snapshots;";
        var db = source.Connection.Handle!;
        var prepared = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (prepared != raw.SQLITE_OK)
            throw new GoImportException($"reading {source.Path}'s snapshots failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        using (statement)
        {
            var lookup = hosts.ToDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
            var batch = new List<SnapshotRow>(batchRows);
            var name = new char[512];
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (Row(statement, lookup, name) is { } row) batch.Add(row);
                if (batch.Count < batchRows) continue;
                yield return batch;
                batch = new List<SnapshotRow>(batchRows);
            }
            if (step != raw.SQLITE_DONE)
                throw new GoImportException($"reading {source.Path}'s snapshots failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
            if (batch.Count > 0) yield return batch;
        }
    }

    private SnapshotRow? Row(sqlite3_stmt s, Dictionary<string, HostId>.AlternateLookup<ReadOnlySpan<char>> lookup, char[] name)
    {
        var hostBytes = raw.sqlite3_column_blob(s, 0);
        var length = hostBytes.Length <= name.Length / 3 ? Encoding.UTF8.GetChars(hostBytes, name.AsSpan()) : -1;
        if (length < 0 || !lookup.TryGetValue(name.AsSpan(0, length), out var host))
        {
            _ofHostsNotImported++;
            return null;
        }
        if (!GoTimestamp.TryParse(raw.sqlite3_column_blob(s, 1), out var ts))
        {
            _unreadableTime++;
            return null;
        }
        if (ts < keepFromMs)
        {
            _olderThanKept++;
            return null;
        }
        var values = new double[ScalarMetrics.Count];
        for (var i = 0; i < values.Length; i++) values[i] = raw.sqlite3_column_double(s, 2 + i);
        // Received when it was collected, as far as anyone can tell now: the host's last-seen time only moves forward.
        return new SnapshotRow(host, 0, ts, ts, values, null);
    }
}
