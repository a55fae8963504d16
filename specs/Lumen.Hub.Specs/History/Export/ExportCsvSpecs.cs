using System.Globalization;
using System.Net;
using System.Text.Json;
using Lumen.Hub.History.Export;
using Lumen.Protocol.Metrics;
using static Lumen.Hub.Specs.History.HistoryRows;
using static Lumen.Hub.Specs.History.Export.ExportHub;

namespace Lumen.Hub.Specs.History.Export;

/// <summary><c>GET /api/hosts/{id}/metrics.csv</c> on the real hub: the file it answers, held against the JSON route.</summary>
public sealed class ExportCsvSpecs
{
    [Fact]
    public async Task Csv_should_have_the_header_and_row_by_row_the_points_of_the_json_route_for_the_same_query()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        // Two samples in the first minute, one in the second, none in the third, three in the fourth.
        Write(hub.Database.Database,
            Row(nas, Hour, 1), Row(nas, Hour.AddSeconds(5), 2),
            Row(nas, Hour.AddMinutes(1), 3.25),
            Row(nas, Hour.AddMinutes(3), 4), Row(nas, Hour.AddMinutes(3).AddSeconds(5), 5), Row(nas, Hour.AddMinutes(3).AddSeconds(10), 7));
        var query = $"from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}&step=1m";

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/metrics.csv?{query}");
        var csv = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(await browser.GetStringAsync($"/api/hosts/{nas.Value}/metrics?{query}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"nas-{Stamp(Hour)}-{Stamp(Hour.AddMinutes(5))}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var (header, rows) = ParseCsv(csv);
        Assert.Equal(ExpectedHeader(), header);
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([Time(Hour), Time(Hour.AddMinutes(1)), Time(Hour.AddMinutes(3))], rows.Select(row => row[0]));
        Assert.Equal(points.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++) AssertRowIsPoint(header, rows[i], points[i]);
        // A single sample's lowest and highest are its value: every row has every column.
        Assert.Equal(["1", "3.25", "3.25", "3.25"], rows[1][1..5]);
    }

    [Fact]
    public async Task Csv_should_export_every_point_of_a_window_the_json_route_would_cut_to_2000()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        // 2,500 rows 5 s apart, inside the raw window: more than a chart's 2,000 and more than one read slice.
        var start = Hour.AddHours(-4);
        Write(hub.Database.Database, [.. Enumerable.Range(0, 2500).Select(i => Row(nas, start.AddSeconds(5 * i), i % 100))]);
        var query = $"from={Time(start)}&to={Time(start.AddSeconds(5 * 2500))}&step=5s";

        var (_, rows) = ParseCsv(await browser.GetStringAsync($"/api/hosts/{nas.Value}/metrics.csv?{query}"));
        using var json = JsonDocument.Parse(await browser.GetStringAsync($"/api/hosts/{nas.Value}/metrics?{query}"));

        Assert.Equal(10, json.RootElement.GetProperty("step_seconds").GetInt64());
        Assert.Equal(2500, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Time(start.AddSeconds(5 * i)), rows[i][0]);
            Assert.Equal((i % 100).ToString(CultureInfo.InvariantCulture), rows[i][2]);
        }
    }

    [Fact]
    public async Task Csv_should_be_the_header_alone_for_a_window_without_rows()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        var csv = await browser.GetStringAsync($"/api/hosts/{nas.Value}/metrics.csv?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}");

        Assert.Equal(string.Join(',', ExpectedHeader()) + "\r\n", csv);
    }

    [Fact]
    public async Task Csv_should_name_the_file_safely_whatever_the_host_name_holds()
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;
        // The hub refuses such a name; one that reached the database another way must still not break the header or the path.
        RenameHost(hub, nas, ".nas \"west\"/../x\\y;é");

        var response = await browser.GetAsync($"/api/hosts/{nas.Value}/metrics.csv?from={Time(Hour)}&to={Time(Hour.AddMinutes(5))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"_nas__west__.._x_y__-{Stamp(Hour)}-{Stamp(Hour.AddMinutes(5))}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private static List<string> ExpectedHeader() =>
        ["ts", "samples", .. ScalarMetrics.All.SelectMany(metric => new[] { metric.Name, metric.Name + "_min", metric.Name + "_max" })];

    /// <summary>Each column of the row is the JSON point's field of that name; a single sample's <c>_min</c>/<c>_max</c>, absent from JSON, are its average.</summary>
    private static void AssertRowIsPoint(IReadOnlyList<string> header, IReadOnlyList<string> row, JsonElement point)
    {
        Assert.Equal(point.GetProperty("ts").GetString(), row[0]);
        Assert.Equal(point.GetProperty("samples").GetInt64(), long.Parse(row[1], CultureInfo.InvariantCulture));
        for (var column = 2; column < header.Count; column++)
        {
            var name = header[column];
            var expected = point.TryGetProperty(name, out var value) ? value : point.GetProperty(name.Replace("_min", "").Replace("_max", ""));
            Assert.True(expected.GetDouble() == double.Parse(row[column], CultureInfo.InvariantCulture), $"{row[0]} {name}: JSON {expected}, CSV {row[column]}");
        }
    }

    /// <summary>RFC 4180 as the export writes it: CRLF after every row, no quoted field.</summary>
    private static (List<string> Header, List<string[]> Rows) ParseCsv(string csv)
    {
        Assert.EndsWith("\r\n", csv);
        var lines = csv[..^2].Split("\r\n");
        Assert.DoesNotContain(lines, line => line.Contains('"') || line.Contains('\n'));
        var header = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.All(rows, row => Assert.Equal(header.Count, row.Length));
        return (header, rows);
    }
}
