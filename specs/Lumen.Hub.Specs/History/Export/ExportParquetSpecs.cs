using System.Net;
using System.Text.Json;
using Lumen.Hub.History.Export;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Export.ExportHub;

namespace Lumen.Hub.Specs.History.Export;

/// <summary><c>GET /api/hosts/{id}/metrics.parquet</c> on the real hub, read back with Parquet.Net.</summary>
public sealed class ExportParquetSpecs
{
    [Fact]
    public async Task Parquet_should_read_back_as_the_json_points_in_typed_columns()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub.Database.Database,
            Row(nas, Hour, 1), Row(nas, Hour.AddSeconds(5), 2.5),
            Row(nas, Hour.AddMinutes(1), 3.25),
            Row(nas, Hour.AddMinutes(3), 4), Row(nas, Hour.AddMinutes(3).AddSeconds(5), 5), Row(nas, Hour.AddMinutes(3).AddSeconds(10), 7));
        var query = $"from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}&step=1m";

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/metrics.parquet?{query}");
        using var json = JsonDocument.Parse(await browser.GetStringAsync($"/api/hosts/{nas.Value}/metrics?{query}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"nas-{Stamp(Hour)}-{Stamp(Hour.AddMinutes(5))}.parquet\"", response.Content.Headers.ContentDisposition?.ToString());
        var file = await ReadAsync(await response.Content.ReadAsByteArrayAsync());
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(points.Length, file.Ts.Length);
        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(DateTimeOffset.Parse(points[i].GetProperty("ts").GetString()!).UtcDateTime, file.Ts[i]);
            Assert.Equal(points[i].GetProperty("samples").GetInt64(), file.Samples[i]);
            foreach (var (name, values) in file.Values)
            {
                var expected = points[i].TryGetProperty(name, out var value) ? value : points[i].GetProperty(name.Replace("_min", "").Replace("_max", ""));
                Assert.True(expected.GetDouble() == values[i], $"{file.Ts[i]:O} {name}: JSON {expected}, Parquet {values[i]}");
            }
        }
    }

    [Fact]
    public async Task Parquet_should_have_a_utc_millisecond_ts_an_int64_samples_and_a_double_per_value_column()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        Write(hub.Database.Database, Row(nas, Hour, 1));

        var bytes = await browser.GetByteArrayAsync($"/api/hosts/{nas.Value}/metrics.parquet?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}");

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        var fields = reader.Schema.DataFields;
        Assert.Equal(ExportColumns.Names, fields.Select(field => field.Name));
        Assert.Equal([typeof(DateTime), typeof(long), .. Enumerable.Repeat(typeof(double), ExportColumns.ValueCount)], fields.Select(field => field.ClrType));
        Assert.All(fields, field => Assert.False(field.IsNullable, $"{field.Name} is nullable"));
        var ts = reader.Metadata!.Schema.Single(element => element.Name == "ts");
        Assert.Equal(Parquet.Meta.Type.INT64, ts.Type);
        Assert.NotNull(ts.LogicalType?.TIMESTAMP);
        Assert.True(ts.LogicalType.TIMESTAMP.IsAdjustedToUTC);
        Assert.NotNull(ts.LogicalType.TIMESTAMP.Unit.MILLIS);
    }

    [Fact]
    public async Task Parquet_should_write_a_long_window_whole_in_row_groups_of_10000()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        const int rows = HistoryParquet.RowGroupRows + 50;
        var start = Hour.AddHours(-16);
        Write(hub.Database.Database, [.. Enumerable.Range(0, rows).Select(i => Row(nas, start.AddSeconds(5 * i), i % 1000))]);

        var bytes = await browser.GetByteArrayAsync($"/api/hosts/{nas.Value}/metrics.parquet?from={Time(start)}&to={Time(start.AddSeconds(5 * rows))}&step=5s");

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        Assert.Equal([HistoryParquet.RowGroupRows, 50], reader.RowGroups.Select(group => group.RowCount));
        var file = await ReadAsync(bytes);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => start.AddSeconds(5 * i).UtcDateTime), file.Ts);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (double)(i % 1000)), file.Values["cpu_pct"]);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => 2.0 * (i % 1000)), file.Values["ram_pct_max"]);
    }

    [Fact]
    public async Task Parquet_should_be_a_readable_file_of_no_rows_for_a_window_without_rows()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        var bytes = await browser.GetByteArrayAsync($"/api/hosts/{nas.Value}/metrics.parquet?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}");

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        Assert.Equal(ExportColumns.Names, reader.Schema.DataFields.Select(field => field.Name));
        Assert.Equal(0, reader.RowGroupCount);
    }

    private sealed record ParquetColumns(DateTime[] Ts, long[] Samples, Dictionary<string, double[]> Values);

    /// <summary>Every column of every row group, concatenated.</summary>
    private static async Task<ParquetColumns> ReadAsync(byte[] bytes)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        var fields = reader.Schema.DataFields;
        var (ts, samples, values) = (new List<DateTime>(), new List<long>(), fields.Skip(2).ToDictionary(field => field.Name, _ => new List<double>()));
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            var group = reader.OpenRowGroupReader(i);
            ts.AddRange(await ColumnAsync<DateTime>(group, fields[0]));
            samples.AddRange(await ColumnAsync<long>(group, fields[1]));
            foreach (var field in fields.Skip(2)) values[field.Name].AddRange(await ColumnAsync<double>(group, field));
        }
        return new([.. ts], [.. samples], values.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
    }

    private static async Task<T[]> ColumnAsync<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T[group.RowCount];
        await group.ReadAsync<T>(field, values);
        return values;
    }
}
