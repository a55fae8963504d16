using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History.Items;

/// <summary>
/// Reads a host's container, GPU, disk, NIC and filesystem history: one point per item and step, summed by SQLite
/// from the item's buckets whose start falls in the window (the step is whole buckets, so
/// every bucket lands whole in one point). Reads only the host's key range.
/// </summary>
public sealed class ItemHistoryStore(LumenDatabase database)
{
    public IReadOnlyList<ContainerSeries> ReadContainers(HostId host, HistoryWindow window)
    {
        var series = new List<ContainerSeries>();
        foreach (var (key, _, rows) in Read(ItemTable.Containers, host, window))
            series.Add(new ContainerSeries((string)key, rows.Select(r => new ContainerPoint
            {
                Ts = r.Ts, Samples = r.Samples,
                CpuPct = r.Average(0), CpuPctMin = r.Min(0), CpuPctMax = r.Max(0),
                MemUsedBytes = (long)r.Average(1), MemUsedBytesMin = (long?)r.Min(1), MemUsedBytesMax = (long?)r.Max(1),
                MemPct = r.Average(2), MemPctMin = r.Min(2), MemPctMax = r.Max(2),
            }).ToArray()));
        return series;
    }

    public IReadOnlyList<GpuSeries> ReadGpus(HostId host, HistoryWindow window)
    {
        var series = new List<GpuSeries>();
        foreach (var (key, label, rows) in Read(ItemTable.Gpus, host, window))
            series.Add(new GpuSeries((int)(long)key, label ?? "", rows.Select(r => new GpuPoint
            {
                Ts = r.Ts, Samples = r.Samples,
                UtilPct = r.Average(0), UtilPctMin = r.Min(0), UtilPctMax = r.Max(0),
                MemUsedMb = r.Average(1), MemUsedMbMin = r.Min(1), MemUsedMbMax = r.Max(1),
                MemTotalMb = r.Average(2), MemTotalMbMin = r.Min(2), MemTotalMbMax = r.Max(2),
                TempC = r.Average(3), TempCMin = r.Min(3), TempCMax = r.Max(3),
            }).ToArray()));
        return series;
    }

    public IReadOnlyList<DiskSeries> ReadDisks(HostId host, HistoryWindow window)
    {
        var series = new List<DiskSeries>();
        foreach (var (key, _, rows) in Read(ItemTable.Disks, host, window))
            series.Add(new DiskSeries((string)key, rows.Select(r => new DiskPoint
            {
                Ts = r.Ts, Samples = r.Samples,
                ReadBps = r.Average(0), ReadBpsMin = r.Min(0), ReadBpsMax = r.Max(0),
                WriteBps = r.Average(1), WriteBpsMin = r.Min(1), WriteBpsMax = r.Max(1),
            }).ToArray()));
        return series;
    }

    public IReadOnlyList<NicSeries> ReadNics(HostId host, HistoryWindow window)
    {
        var series = new List<NicSeries>();
        foreach (var (key, _, rows) in Read(ItemTable.Nics, host, window))
            series.Add(new NicSeries((string)key, rows.Select(r => new NicPoint
            {
                Ts = r.Ts, Samples = r.Samples,
                RxBps = r.Average(0), RxBpsMin = r.Min(0), RxBpsMax = r.Max(0),
                TxBps = r.Average(1), TxBpsMin = r.Min(1), TxBpsMax = r.Max(1),
            }).ToArray()));
        return series;
    }

    public IReadOnlyList<FilesystemSeries> ReadFilesystems(HostId host, HistoryWindow window)
    {
        var series = new List<FilesystemSeries>();
        foreach (var (key, label, rows) in Read(ItemTable.Filesystems, host, window))
            series.Add(new FilesystemSeries((string)key, label ?? "", rows.Select(r => new FilesystemPoint
            {
                Ts = r.Ts, Samples = r.Samples,
                UsedBytes = (long)r.Average(0), UsedBytesMin = (long?)r.Min(0), UsedBytesMax = (long?)r.Max(0),
                TotalBytes = (long)r.Average(1), TotalBytesMin = (long?)r.Min(1), TotalBytesMax = (long?)r.Max(1),
                UsedPct = r.Average(2), UsedPctMin = r.Min(2), UsedPctMax = r.Max(2),
            }).ToArray()));
        return series;
    }

    /// <summary>SQLite's <c>EXPLAIN QUERY PLAN</c> for reading <paramref name="table"/>, one line per step.</summary>
    public IReadOnlyList<string> ExplainQueryPlan(ItemTable table, HostId host, HistoryWindow window)
    {
        using var connection = database.Open();
        using var command = Command(connection, table, host, window);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return lines;
    }

    /// <summary>One point as read: averages, lowest and highest values per field of the table.</summary>
    private sealed record Row(DateTimeOffset Ts, long Samples, double[] Values)
    {
        public double Average(int field) => Values[3 * field];
        public double? Min(int field) => Samples > 1 ? Values[3 * field + 1] : null;
        public double? Max(int field) => Samples > 1 ? Values[3 * field + 2] : null;
    }

    /// <summary>The points of each item (in key order), with the label of its newest point.</summary>
    private List<(object Key, string? Label, List<Row> Rows)> Read(ItemTable table, HostId host, HistoryWindow window)
    {
        using var connection = database.Open();
        using var command = Command(connection, table, host, window);
        using var reader = command.ExecuteReader();
        var items = new List<(object Key, string? Label, List<Row> Rows)>();
        var values = 3 * table.Fields.Count;
        while (reader.Read())
        {
            var key = reader.GetValue(0);
            if (items.Count == 0 || !Equals(items[^1].Key, key)) items.Add((key, null, []));
            var row = new Row(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2), new double[values]);
            for (var i = 0; i < values; i++) row.Values[i] = reader.GetDouble(ItemTable.FirstFieldColumn + i);
            items[^1].Rows.Add(row);
            if (!reader.IsDBNull(3)) items[^1] = items[^1] with { Label = reader.GetString(3) };
        }
        return items;
    }

    private static SqliteCommand Command(SqliteConnection connection, ItemTable table, HostId host, HistoryWindow window)
    {
        var command = connection.CreateCommand();
        command.CommandText = table.ReadSql;
        command.Parameters.AddWithValue("$host", host.Value);
        command.Parameters.AddWithValue("$from", window.FromMs);
        command.Parameters.AddWithValue("$to", window.ToMs);
        command.Parameters.AddWithValue("$step", window.StepMs);
        return command;
    }
}
