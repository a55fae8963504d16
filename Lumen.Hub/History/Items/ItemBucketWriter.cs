using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lumen.Hub.History.Items;

/// <summary>
/// The part of <see cref="SnapshotWriter"/> that keeps container and GPU history: it gathers
/// the readings of the rows the writer actually inserted, per host, item and bucket, and adds
/// each item's sums to its bucket row with one upsert, on the writer's connection and so in the
/// batch's own transaction. A re-sent frame, ignored by the raw key, is never handed here, so
/// it adds nothing; a late frame adds to its own (older) bucket.
/// </summary>
/// <remarks>Bound through SQLite's own API, as the writer's other statements are.</remarks>
public sealed class ItemBucketWriter : IDisposable
{
    private readonly ItemBucketSums<string> _containers = new(ItemTable.Containers.Fields.Count, StringComparer.Ordinal);
    private readonly ItemBucketSums<int> _gpus = new(ItemTable.Gpus.Fields.Count, Comparer<int>.Default);
    private SqliteConnection? _connection;
    private sqlite3_stmt? _upsertContainer;
    private sqlite3_stmt? _upsertGpu;

    /// <summary>Upserts written since the writer was opened (for the benchmark and specs).</summary>
    public long Upserts { get; private set; }

    public void Prepare(SqliteConnection connection)
    {
        _connection = connection;
        _upsertContainer = Prepare(ItemTable.Containers.UpsertSql, "the container bucket upsert");
        _upsertGpu = Prepare(ItemTable.Gpus.UpsertSql, "the GPU bucket upsert");
    }

    /// <summary>Gathers an inserted row's readings into its bucket of <paramref name="bucketMs"/>; rows come per host, oldest first.</summary>
    public void Add(SnapshotRow row, long bucketMs)
    {
        var host = row.HostId.Value;
        var bucket = TierSums.SlotOf(row.TsUnixMs, bucketMs);
        if (row.Containers is { } containers)
        {
            if (!_containers.Holds(host, bucket)) WriteContainers();
            foreach (var c in containers)
                _containers.Add(host, bucket, c.Name, row.TsUnixMs, null, [c.CpuPct, c.MemUsedBytes, c.MemPct]);
        }
        if (row.Gpus is { } gpus)
        {
            if (!_gpus.Holds(host, bucket)) WriteGpus();
            foreach (var g in gpus)
                _gpus.Add(host, bucket, g.Index, row.TsUnixMs, g.Name, [g.UtilPct, g.MemUsedMb, g.MemTotalMb, g.TempC]);
        }
    }

    /// <summary>Writes what is gathered: at the end of each host's rows.</summary>
    public void Write()
    {
        WriteContainers();
        WriteGpus();
    }

    private void WriteContainers()
    {
        var s = _upsertContainer!;
        var (host, bucket) = (_containers.HostId, _containers.BucketTs);
        foreach (var (name, sums) in _containers.Drain())
        {
            BindKey(s, host, bucket);
            raw.sqlite3_bind_text(s, 3, name);
            Upsert(s, ItemTable.Containers, sums, "adding to the container buckets");
        }
    }

    private void WriteGpus()
    {
        var s = _upsertGpu!;
        var (host, bucket) = (_gpus.HostId, _gpus.BucketTs);
        foreach (var (index, sums) in _gpus.Drain())
        {
            BindKey(s, host, bucket);
            raw.sqlite3_bind_int(s, 3, index);
            raw.sqlite3_bind_text(s, 4, sums.Label ?? "");
            Upsert(s, ItemTable.Gpus, sums, "adding to the GPU buckets");
        }
    }

    private static void BindKey(sqlite3_stmt s, long host, long bucket)
    {
        raw.sqlite3_bind_int64(s, 1, host);
        raw.sqlite3_bind_int64(s, 2, bucket);
    }

    private void Upsert(sqlite3_stmt s, ItemTable table, ItemSums sums, string what)
    {
        var first = table.SamplesParameter;
        raw.sqlite3_bind_int(s, first, sums.Samples);
        ReadOnlySpan<double> totals = sums.Sums, minimums = sums.Minimums, maximums = sums.Maximums;
        for (var i = 0; i < totals.Length; i++)
        {
            raw.sqlite3_bind_double(s, first + 1 + 3 * i, totals[i]);
            raw.sqlite3_bind_double(s, first + 2 + 3 * i, minimums[i]);
            raw.sqlite3_bind_double(s, first + 3 + 3 * i, maximums[i]);
        }
        var result = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (result != raw.SQLITE_DONE)
            throw new SqliteException($"{what} failed: {raw.sqlite3_errmsg(_connection!.Handle).utf8_to_string()}", result);
        Upserts++;
    }

    private sqlite3_stmt Prepare(string sql, string what)
    {
        var prepared = raw.sqlite3_prepare_v2(_connection!.Handle, sql, out var statement);
        if (prepared != raw.SQLITE_OK)
            throw new SqliteException($"preparing {what} failed: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", prepared);
        return statement;
    }

    /// <summary>Drops the statements and whatever is gathered; the writer opens afresh after a failure.</summary>
    public void Dispose()
    {
        _upsertContainer?.Dispose();
        _upsertGpu?.Dispose();
        _containers.Clear();
        _gpus.Clear();
        (_upsertContainer, _upsertGpu, _connection) = (null, null, null);
    }
}
