using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Lumen.Protocol;

namespace Lumen.Hub.History.Export;

/// <summary>
/// Writes an export as CSV (RFC 4180): a header row of <see cref="ExportColumns.Names"/>, then
/// one row per point, CRLF after each, numbers in the invariant culture (shortest form that
/// reads back to the same double), <c>ts</c> in RFC 3339 UTC. No field can hold a comma, a
/// quote or a line break (names are snake_case, values numbers and timestamps), so none is quoted.
/// Rows go to the pipe as they are read and are flushed every <see cref="FlushEveryRows"/>.
/// </summary>
public static class HistoryCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Some 180 KB between flushes (a row is about 360 bytes): few writes to the socket, little held in the pipe.</summary>
    public const int FlushEveryRows = 500;

    /// <summary>
    /// Room for one field: a double in its shortest round-trip form is at most 24 characters
    /// (<c>-1.7976931348623157E+308</c>), a bucket's timestamp 20, a count 20.
    /// </summary>
    private const int FieldBytes = 32;

    private static readonly int RowBytes = ExportColumns.Names.Count * (FieldBytes + 1) + 2;

    public static async Task WriteAsync(PipeWriter output, IAsyncEnumerable<MetricsPoint> points, CancellationToken cancel)
    {
        output.Write(Encoding.ASCII.GetBytes(string.Join(',', ExportColumns.Names) + "\r\n"));
        var rows = 0;
        await foreach (var point in points.WithCancellation(cancel))
        {
            WriteRow(output, point);
            if (++rows % FlushEveryRows == 0) await output.FlushAsync(cancel);
        }
        await output.FlushAsync(cancel);
    }

    private static void WriteRow(PipeWriter output, MetricsPoint point)
    {
        var row = output.GetSpan(RowBytes);
        var at = Encoding.ASCII.GetBytes(Rfc3339TimestampConverter.Format(point.Ts), row);
        row[at++] = (byte)',';
        at += Formatted(point.Samples, row[at..]);
        for (var column = 0; column < ExportColumns.ValueCount; column++)
        {
            row[at++] = (byte)',';
            at += Formatted(ExportColumns.Value(point, column), row[at..]);
        }
        row[at++] = (byte)'\r';
        row[at++] = (byte)'\n';
        output.Advance(at);
    }

    private static int Formatted<T>(T value, Span<byte> destination) where T : IUtf8SpanFormattable =>
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException($"{value} does not fit {FieldBytes} bytes");
}
