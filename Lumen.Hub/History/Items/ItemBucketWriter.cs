using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lumen.Hub.History.Items;

/// <summary>
/// The part of <see cref="SnapshotWriter"/> that keeps container, GPU, disk, NIC and filesystem
/// history: it gathers the readings of the rows the writer actually inserted, per host, item and
/// bucket, and adds each item's sums to its bucket row with one upsert, on the writer's
/// connection and so in the batch's own transaction. A re-sent frame, ignored by the raw key, is
/// never handed here, so it adds nothing; a late frame adds to its own (older) bucket.
/// </summary>
/// <remarks>Bound through SQLite's own API, as the writer's other statements are.</remarks>
public sealed class ItemBucketWriter : IDisposable
{
    private readonly NamedItems _containers = new(ItemTable.Containers, "container");
    private readonly NamedItems _disks = new(ItemTable.Disks, "disk");
    private readonly NamedItems _nics = new(ItemTable.Nics, "NIC");
    private readonly NamedItems _filesystems = new(ItemTable.Filesystems, "filesystem");
    private readonly ItemBucketSums<int> _gpus = new(ItemTable.Gpus.Fields.Count, Comparer<int>.Default);
    private SqliteConnection? _connection;
    private sqlite3_stmt? _upsertGpu;

    /// <summary>Upserts written since the writer was opened (for the benchmark and specs).</summary>
    public long Upserts { get; private set; }

    private readonly NamedItems[] _named;

    public ItemBucketWriter() => _named = [_containers, _disks, _nics, _filesystems];

    public void Prepare(SqliteConnection connection)
    {
        _connection = connection;
        foreach (var items in _named) items.Upsert = Prepare(items.Table.UpsertSql, $"the {items.What} bucket upsert");
        _upsertGpu = Prepare(ItemTable.Gpus.UpsertSql, "the GPU bucket upsert");
    }

    /// <summary>Gathers an inserted row's readings into its bucket of <paramref name="bucketMs"/>; rows come per host, oldest first.</summary>
    public void Add(SnapshotRow row, long bucketMs)
    {
        var (host, ts) = (row.HostId.Value, row.TsUnixMs);
        var bucket = TierSums.SlotOf(ts, bucketMs);
        if (row.Containers is { } containers)
        {
            Start(_containers, host, bucket);
            foreach (var c in containers) _containers.Sums.Add(host, bucket, c.Name, ts, null, [c.CpuPct, c.MemUsedBytes, c.MemPct]);
        }
        if (row.Gpus is { } gpus)
        {
            if (!_gpus.Holds(host, bucket)) WriteGpus();
            foreach (var g in gpus)
                _gpus.Add(host, bucket, g.Index, ts, g.Name, [g.UtilPct, g.MemUsedMb, g.MemTotalMb, g.TempC]);
        }
        if (row.Disks is { } disks)
        {
            Start(_disks, host, bucket);
            foreach (var d in disks) _disks.Sums.Add(host, bucket, d.Name, ts, null, [d.InBps, d.OutBps]);
        }
        if (row.Nics is { } nics)
        {
            Start(_nics, host, bucket);
            foreach (var n in nics) _nics.Sums.Add(host, bucket, n.Name, ts, null, [n.InBps, n.OutBps]);
        }
        if (row.Filesystems is { } filesystems)
        {
            Start(_filesystems, host, bucket);
            foreach (var f in filesystems) _filesystems.Sums.Add(host, bucket, f.Mount, ts, f.Device, [f.UsedBytes, f.TotalBytes, f.UsedPct]);
        }
    }

    /// <summary>Writes what is gathered: at the end of each host's rows.</summary>
    public void Write()
    {
        foreach (var items in _named) WriteNamed(items);
        WriteGpus();
    }

    /// <summary>Before gathering for a host's bucket: writes what <paramref name="items"/> gathered for another.</summary>
    private void Start(NamedItems items, long host, long bucket)
    {
        if (!items.Sums.Holds(host, bucket)) WriteNamed(items);
    }

    private void WriteNamed(NamedItems items)
    {
        var s = items.Upsert!;
        var (host, bucket) = (items.Sums.HostId, items.Sums.BucketTs);
        var labelled = items.Table.LabelColumn is not null;
        foreach (var (name, sums) in items.Sums.Drain())
        {
            BindKey(s, host, bucket);
            raw.sqlite3_bind_text(s, 3, name);
            if (labelled) raw.sqlite3_bind_text(s, 4, sums.Label ?? "");
            Upsert(s, items.Table, sums, $"adding to the {items.What} buckets");
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
        foreach (var items in _named)
        {
            items.Upsert?.Dispose();
            items.Upsert = null;
            items.Sums.Clear();
        }
        _upsertGpu?.Dispose();
        _gpus.Clear();
        (_upsertGpu, _connection) = (null, null);
    }

    /// <summary>A table of items keyed by a name (a container's, a disk's, a mount point), its sums and its statement.</summary>
    private sealed class NamedItems(ItemTable table, string what)
    {
        public ItemTable Table { get; } = table;
        public string What { get; } = what;
        public ItemBucketSums<string> Sums { get; } = new(table.Fields.Count, StringComparer.Ordinal);
        public sqlite3_stmt? Upsert { get; set; }
    }
}
