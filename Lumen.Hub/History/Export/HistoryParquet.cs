using Parquet;
using Parquet.Schema;

namespace Lumen.Hub.History.Export;

/// <summary>
/// Writes an export as Parquet (Parquet.Net): <c>ts</c> a UTC timestamp in milliseconds,
/// <c>samples</c> an int64, every value column (<see cref="ExportColumns"/>) a double, none
/// nullable. Points are gathered into row groups of <see cref="RowGroupRows"/>, each sent to
/// the response as soon as it is full (<see cref="BufferedBodyStream"/>), so no more than one
/// group is held in memory.
/// </summary>
public static class HistoryParquet
{
    public const string ContentType = "application/vnd.apache.parquet";

    /// <summary>
    /// Some 3 MiB of values per group (41 columns of 8 bytes): large enough that a reader reads
    /// few groups, small enough that a 100,000-row export holds a tenth of itself at a time.
    /// </summary>
    public const int RowGroupRows = 10_000;

    private static readonly DateTimeDataField Ts = new("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis);
    private static readonly DataField<long> Samples = new("samples", nullable: false);
    private static readonly DataField<double>[] Values =
        [.. Enumerable.Range(0, ExportColumns.ValueCount).Select(column => new DataField<double>(ExportColumns.ValueName(column), nullable: false))];

    public static ParquetSchema Schema { get; } = new([Ts, Samples, .. Values]);

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<MetricsPoint> points, CancellationToken cancel)
    {
        await using var body = new BufferedBodyStream(output);
        await using (var writer = await ParquetWriter.CreateAsync(Schema, body, cancellationToken: cancel))
        {
            var group = new RowGroup();
            await foreach (var point in points.WithCancellation(cancel))
            {
                group.Add(point);
                if (group.Count < RowGroupRows) continue;
                await group.WriteAsync(writer, cancel);
                await body.DrainAsync(cancel);
            }
            if (group.Count > 0) await group.WriteAsync(writer, cancel);
        }
        // The footer, written when the writer is disposed.
        await body.DrainAsync(cancel);
    }

    /// <summary>One row group's columns, filled a point at a time and emptied by each write.</summary>
    private sealed class RowGroup
    {
        private readonly DateTime[] _ts = new DateTime[RowGroupRows];
        private readonly long[] _samples = new long[RowGroupRows];
        private readonly double[][] _values = [.. Values.Select(_ => new double[RowGroupRows])];

        public int Count { get; private set; }

        public void Add(MetricsPoint point)
        {
            _ts[Count] = point.Ts.UtcDateTime;
            _samples[Count] = point.Samples;
            for (var column = 0; column < _values.Length; column++) _values[column][Count] = ExportColumns.Value(point, column);
            Count++;
        }

        public async Task WriteAsync(ParquetWriter writer, CancellationToken cancel)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(Ts, new ReadOnlyMemory<DateTime>(_ts, 0, Count), cancellationToken: cancel);
            await group.WriteAsync(Samples, new ReadOnlyMemory<long>(_samples, 0, Count), cancellationToken: cancel);
            for (var column = 0; column < _values.Length; column++)
                await group.WriteAsync(Values[column], new ReadOnlyMemory<double>(_values[column], 0, Count), cancellationToken: cancel);
            group.CompleteValidate();
            Count = 0;
        }
    }
}
