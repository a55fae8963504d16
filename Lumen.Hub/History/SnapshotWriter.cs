using System.Diagnostics;
using System.Text.Json;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lumen.Hub.History;

/// <summary>What one committed batch did.</summary>
public sealed record BatchWritten(int Rows, int Inserted, int Hosts, TimeSpan Elapsed);

/// <summary>
/// Writes one batch of snapshot rows in one transaction: each host's last-seen time and
/// metadata, then the rows in (host, ts) order (a re-sent frame is ignored by the key; rows
/// of a host deleted meanwhile are skipped), adding rows that arrive for an already summed
/// minute to <c>snapshot_minutes</c> (see <see cref="MinuteRollupStore"/>) and for an already
/// summed bucket or hour to <c>snapshot_buckets</c> or <c>snapshot_hours</c> (see <see cref="BucketRollupStore"/>), and the
/// inserted rows' containers and GPUs to their buckets (see <see cref="ItemBucketWriter"/>). This is the only
/// writer of snapshots: whatever else inserts rows must do the same. Used by one stream stage
/// at a time, so it keeps one connection and its prepared statements.
/// </summary>
/// <remarks>
/// Rows are bound through SQLite's own API rather than SqliteParameter: this runs tens of
/// thousands of times a second and the ADO.NET layer costs more per row than SQLite does.
/// </remarks>
/// <param name="settings">where <c>downsample_bucket_size</c> is read, once per batch; without it (specs, benchmarks) the built-in 5 minutes.</param>
public sealed class SnapshotWriter(LumenDatabase database, SettingsStore? settings = null) : IDisposable
{
    /// <summary>
    /// A page cache large enough that the leaf pages of a few thousand hosts
    /// stay in memory between batches, and a WAL allowed to grow to ~64 MiB before it is
    /// checkpointed, so a page dirtied by every batch is copied back once, not every batch.
    /// </summary>
    private const string WriterPragmas = "PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384;";

    private static readonly string InsertSql = $"""
        INSERT OR IGNORE INTO snapshots (host_id, ts, {ScalarColumns.Names})
        VALUES (?1, ?2, {ScalarColumns.Parameters(first: 3)});
        """;

    /// <summary>Adds the sums of late rows (see <see cref="InsertHostRows"/>) to a minute already rolled up.</summary>
    private static readonly string AddMinuteSql = $"""
        INSERT INTO snapshot_minutes (host_id, minute_ts, samples, {ScalarColumns.TierNames})
        VALUES (?1, ?2, ?3, {ScalarColumns.TierParameters(first: 4)})
        {MinuteRollupStore.AddToMinute};
        """;

    /// <summary>Adds the sums of late rows to a bucket (or hour) already summed from its minutes.</summary>
    private static string AddCoarseSql(CoarseTier tier) => $"""
        INSERT INTO {tier.Table} (host_id, bucket_ts, samples, {ScalarColumns.TierNames})
        VALUES (?1, ?2, ?3, {ScalarColumns.TierParameters(first: 4)})
        {BucketRollupStore.AddToBucket};
        """;

    /// <summary>Where the host's minutes, buckets and hours stand, and the bucket size its buckets are summed at.</summary>
    private const string RolledUpUntilSql = """
        SELECT (SELECT until_ms FROM snapshot_minutes_until WHERE host_id = ?1),
               (SELECT until_ms FROM snapshot_buckets_until WHERE host_id = ?1),
               (SELECT bucket_ms FROM snapshot_buckets_until WHERE host_id = ?1),
               (SELECT until_ms FROM snapshot_hours_until WHERE host_id = ?1);
        """;

    private const string TouchHostSql = """
        UPDATE hosts SET last_seen_at = max(coalesce(last_seen_at, 0), $seen),
                         system_json = coalesce($system, system_json),
                         metadata_updated_at = CASE WHEN $system IS NULL THEN metadata_updated_at
                                                    ELSE max(coalesce(metadata_updated_at, 0), $systemAt) END
        WHERE id = $h;
        """;

    private SqliteConnection? _connection;

    /// <summary>The file written to, for log lines about failing writes.</summary>
    public string DatabasePath => database.Path;
    private sqlite3_stmt? _insert;
    private sqlite3_stmt? _addMinute;
    private sqlite3_stmt? _addBucket;
    private sqlite3_stmt? _addHour;
    private sqlite3_stmt? _rolledUpUntil;
    private readonly TierSums _minute = new();
    private readonly TierSums _bucket = new();
    private readonly TierSums _hour = new();
    private readonly ItemBucketWriter _items = new();
    private SqliteCommand? _touchHost;

    /// <summary>Container and GPU bucket upserts written since the writer was opened.</summary>
    public long ItemUpserts => _items.Upserts;

    public BatchWritten Write(IReadOnlyList<SnapshotRow> rows)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            EnsureOpen();
            var itemBucketMs = ItemBucketMs();
            // In key order, consecutive rows of a host land in the same leaf page.
            var ordered = rows.ToArray();
            Array.Sort(ordered, static (x, y) => x.HostId.Value != y.HostId.Value
                ? x.HostId.Value.CompareTo(y.HostId.Value)
                : x.TsUnixMs.CompareTo(y.TsUnixMs));

            using var transaction = _connection!.BeginTransaction();
            _touchHost!.Transaction = transaction;
            var inserted = 0;
            var hosts = 0;
            for (var start = 0; start < ordered.Length;)
            {
                var end = start;
                while (end < ordered.Length && ordered[end].HostId == ordered[start].HostId) end++;
                hosts++;
                if (TouchHost(ordered.AsSpan(start, end - start)))
                    inserted += InsertHostRows(ordered.AsSpan(start, end - start), itemBucketMs);
                start = end;
            }
            transaction.Commit();
            return new BatchWritten(rows.Count, inserted, hosts, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            // A failed connection may be in any state: start the retry from a fresh one.
            Dispose();
            throw;
        }
    }

    /// <returns>false when the host no longer exists, so its rows are skipped.</returns>
    private bool TouchHost(ReadOnlySpan<SnapshotRow> hostRows)
    {
        var host = hostRows[0].HostId;
        long seenMs = 0;
        long systemAtMs = 0;
        SystemInfo? system = null;
        foreach (var row in hostRows)
        {
            seenMs = Math.Max(seenMs, row.ReceivedAtUnixMs);
            if (row.System is null) continue;
            system = row.System;
            systemAtMs = Math.Max(systemAtMs, row.ReceivedAtUnixMs);
        }

        var p = _touchHost!.Parameters;
        p[0].Value = host.Value;
        p[1].Value = seenMs;
        // Uptime is part of the metadata, so it changes with every frame: always write the latest.
        p[2].Value = system is null ? DBNull.Value : JsonSerializer.Serialize(system, LumenJson.SystemInfo);
        p[3].Value = systemAtMs;
        return _touchHost.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Inserts one host's rows, oldest first. A row for a minute the rollup has already summed
    /// (an agent's buffered frames replayed, a clock running behind, an import) is late: it is
    /// added to that minute here, one upsert per minute, and to its bucket when that is summed
    /// too, so it lands in every tier it belongs to. Later rows are left to the rollup passes,
    /// so a normal flush writes nothing to the tiers. A re-sent frame ignored by the key is
    /// added nowhere. Each inserted row's containers and GPUs are added to their buckets of
    /// <paramref name="itemBucketMs"/>, one upsert per item and bucket for the host's rows.
    /// </summary>
    private int InsertHostRows(ReadOnlySpan<SnapshotRow> hostRows, long itemBucketMs)
    {
        var marks = RolledUpUntil(hostRows[0].HostId.Value);
        var inserted = 0;
        foreach (var row in hostRows)
        {
            if (Insert(row) == 0) continue;
            inserted++;
            _items.Add(row, itemBucketMs);
            if (row.TsUnixMs < marks.Minutes) AddLate(_minute, row, TierSums.MinuteMs, _addMinute!, "adding to the minute rollup");
            if (row.TsUnixMs < marks.Buckets) AddLate(_bucket, row, marks.BucketMs, _addBucket!, "adding to the buckets");
            if (row.TsUnixMs < marks.Hours) AddLate(_hour, row, HourMs, _addHour!, "adding to the hours");
        }
        if (_minute.Samples > 0) AddTierRow(_minute, _addMinute!, "adding to the minute rollup");
        if (_bucket.Samples > 0) AddTierRow(_bucket, _addBucket!, "adding to the buckets");
        if (_hour.Samples > 0) AddTierRow(_hour, _addHour!, "adding to the hours");
        _items.Write();
        return inserted;
    }

    private void AddLate(TierSums slot, SnapshotRow row, long slotMs, sqlite3_stmt upsert, string what)
    {
        if (slot.Samples > 0 && !slot.Holds(row, slotMs)) AddTierRow(slot, upsert, what);
        slot.Add(row, slotMs);
    }

    private static readonly long HourMs = (long)CoarseTier.HourSize.TotalMilliseconds;

    /// <summary>
    /// The bucket size containers and GPUs are summed at: the setting as it is now. They are
    /// written here, not summed from minutes, so they need not wait for the rollup's mark of a
    /// host (which a new host gets only once its first bucket is summed, minutes later); readers
    /// group rows by their start, so buckets of a former size read right.
    /// </summary>
    private long ItemBucketMs() =>
        (long)(settings?.Read().DownsampleBucketSize ?? SettingDefinitions.DownsampleBucketSize.Default).TotalMilliseconds;

    /// <summary>Where a host's tiers stand: rows before <c>Minutes</c> are summed per minute, before <c>Buckets</c> per bucket of <c>BucketMs</c>, before <c>Hours</c> per hour.</summary>
    private readonly record struct TierMarks(long Minutes, long Buckets, long BucketMs, long Hours);

    private TierMarks RolledUpUntil(long hostId)
    {
        var s = _rolledUpUntil!;
        raw.sqlite3_bind_int64(s, 1, hostId);
        var result = raw.sqlite3_step(s);
        var marks = result == raw.SQLITE_ROW
            ? new TierMarks(Column(s, 0), Column(s, 1), raw.sqlite3_column_type(s, 2) == raw.SQLITE_NULL ? TierSums.MinuteMs : raw.sqlite3_column_int64(s, 2), Column(s, 3))
            : new TierMarks(long.MinValue, long.MinValue, TierSums.MinuteMs, long.MinValue);
        raw.sqlite3_reset(s);
        if (result is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            throw new SqliteException($"reading the rollup marks failed: {raw.sqlite3_errmsg(_connection!.Handle).utf8_to_string()}", result);
        return marks;

        static long Column(sqlite3_stmt s, int index) =>
            raw.sqlite3_column_type(s, index) == raw.SQLITE_NULL ? long.MinValue : raw.sqlite3_column_int64(s, index);
    }

    private void AddTierRow(TierSums slot, sqlite3_stmt s, string what)
    {
        raw.sqlite3_bind_int64(s, 1, slot.HostId);
        raw.sqlite3_bind_int64(s, 2, slot.SlotTs);
        raw.sqlite3_bind_int(s, 3, slot.Samples);
        ReadOnlySpan<double> sums = slot.Sums, minimums = slot.Minimums, maximums = slot.Maximums;
        for (var i = 0; i < sums.Length; i++)
        {
            raw.sqlite3_bind_double(s, 4 + 3 * i, sums[i]);
            raw.sqlite3_bind_double(s, 5 + 3 * i, minimums[i]);
            raw.sqlite3_bind_double(s, 6 + 3 * i, maximums[i]);
        }
        Step(s, what);
        slot.Reset();
    }

    private int Insert(SnapshotRow row)
    {
        var s = _insert!;
        raw.sqlite3_bind_int64(s, 1, row.HostId.Value);
        raw.sqlite3_bind_int64(s, 2, row.TsUnixMs);
        var values = row.Values.Span;
        for (var i = 0; i < values.Length; i++) raw.sqlite3_bind_double(s, 3 + i, values[i]);
        Step(s, "inserting a snapshot");
        return raw.sqlite3_changes(_connection!.Handle);
    }

    private void Step(sqlite3_stmt statement, string what)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
            throw new SqliteException($"{what} failed: {raw.sqlite3_errmsg(_connection!.Handle).utf8_to_string()}", result);
    }

    private void EnsureOpen()
    {
        if (_connection is not null) return;
        _connection = database.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = WriterPragmas;
            pragma.ExecuteNonQuery();
        }

        _insert = Prepare(InsertSql, "the snapshot insert");
        _addMinute = Prepare(AddMinuteSql, "the minute rollup upsert");
        _addBucket = Prepare(AddCoarseSql(CoarseTier.Buckets), "the bucket upsert");
        _addHour = Prepare(AddCoarseSql(CoarseTier.Hours), "the hour upsert");
        _rolledUpUntil = Prepare(RolledUpUntilSql, "the minute rollup mark lookup");
        _items.Prepare(_connection);

        _touchHost = _connection.CreateCommand();
        _touchHost.CommandText = TouchHostSql;
        _touchHost.Parameters.Add(new SqliteParameter("$h", null));
        _touchHost.Parameters.Add(new SqliteParameter("$seen", null));
        _touchHost.Parameters.Add(new SqliteParameter("$system", null));
        _touchHost.Parameters.Add(new SqliteParameter("$systemAt", null));
        _touchHost.Prepare();
    }

    private sqlite3_stmt Prepare(string sql, string what)
    {
        var prepared = raw.sqlite3_prepare_v2(_connection!.Handle, sql, out var statement);
        if (prepared != raw.SQLITE_OK)
            throw new SqliteException($"preparing {what} failed: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", prepared);
        return statement;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _addMinute?.Dispose();
        _addBucket?.Dispose();
        _addHour?.Dispose();
        _rolledUpUntil?.Dispose();
        _minute.Reset();
        _bucket.Reset();
        _hour.Reset();
        _items.Dispose();
        _touchHost?.Dispose();
        _connection?.Dispose();
        (_insert, _addMinute, _addBucket, _addHour, _rolledUpUntil, _touchHost, _connection) = (null, null, null, null, null, null, null);
    }
}
