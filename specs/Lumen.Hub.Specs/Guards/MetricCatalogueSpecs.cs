using System.Text.Json;
using System.Text.RegularExpressions;
using Lumen.Hub.History;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Guards;

/// <summary>
/// The metric catalogue (<see cref="ScalarMetrics"/>) is the one definition of the scalar
/// metrics; everything the code derives from it is derived, and these specs catch the places
/// that must follow it by hand: the migration that adds a metric's columns, the dashboard's
/// TypeScript types and the metrics page of the docs.
/// </summary>
public sealed partial class MetricCatalogueSpecs
{
    private static readonly string[] Catalogue = [.. ScalarMetrics.All.Select(metric => metric.Name)];

    [Theory]
    [InlineData("snapshots", new[] { "" })]
    [InlineData("snapshot_minutes", new[] { "", "_min", "_max" })]
    [InlineData("snapshot_buckets", new[] { "", "_min", "_max" })]
    [InlineData("snapshot_hours", new[] { "", "_min", "_max" })]
    public void Every_metric_should_have_its_columns_after_the_migrations(string table, string[] suffixes)
    {
        using var db = new TempDatabase();
        var columns = new List<string>();
        using (var connection = db.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}');";
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }

        Assert.Empty(Catalogue.SelectMany(metric => suffixes.Select(suffix => metric + suffix)).Except(columns));
    }

    [GeneratedRegex(@"export interface MetricScalars \{(?<body>[^}]*)\}")]
    private static partial Regex ScalarInterface();

    [GeneratedRegex(@"const scalarFields: Fields<MetricScalars> = \{(?<body>[^}]*)\}")]
    private static partial Regex ScalarFieldTable();

    [GeneratedRegex(@"^\s*(\w+)\??:", RegexOptions.Multiline)]
    private static partial Regex Key();

    [Fact]
    public void Dashboard_types_should_name_exactly_the_catalogue()
    {
        var protocol = RepositoryFiles.ReadText("Lumen.Web/src/lib/protocol.ts");
        foreach (var (what, block) in new[] { ("interface MetricScalars", ScalarInterface()), ("table scalarFields", ScalarFieldTable()) })
        {
            var body = block.Match(protocol);
            Assert.True(body.Success, $"Lumen.Web/src/lib/protocol.ts has no {what}");
            var keys = Key().Matches(body.Groups["body"].Value).Select(m => m.Groups[1].Value).ToList();
            Assert.True(keys.SequenceEqual(Catalogue),
                $"{what} in Lumen.Web/src/lib/protocol.ts lists [{string.Join(", ", keys)}]; the catalogue has [{string.Join(", ", Catalogue)}], in this order");
        }
    }

    [Fact]
    public void Metrics_page_should_describe_every_stored_metric()
    {
        var page = RepositoryFiles.ReadText("docs/metrics.md");
        var start = page.IndexOf("## Stored fields", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/metrics.md has no '## Stored fields' section");
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = page[start..(end < 0 ? page.Length : end)];
        var described = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Regex.Matches(line.Split('|')[1], "`([a-z0-9_]+)`").Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.Empty(Catalogue.Except(described));
    }

    [Fact]
    public void A_frame_should_carry_every_metric_through_its_json_both_ways()
    {
        var frame = new IngestFrame { Ts = Frames.Start };
        foreach (var metric in ScalarMetrics.All) frame[metric] = metric.Index + 1;

        var json = JsonSerializer.SerializeToUtf8Bytes(frame, LumenJson.IngestFrame);
        var read = FrameParser.Parse(json);

        Assert.Null(read.Error);
        Assert.Equal(ScalarMetrics.All.Select(metric => metric.Index + 1.0), ScalarMetrics.All.Select(metric => read.Frame![metric]));
        Assert.Equal(["host", "ts", .. Catalogue], Keys(json).Take(2 + Catalogue.Length));
    }

    [Fact]
    public void Live_snapshots_and_history_points_should_carry_every_metric_after_their_timestamps()
    {
        var values = ScalarMetrics.All.Select(metric => metric.Index + 0.5).ToArray();
        var snapshot = new LiveSnapshot { HostId = 1, Host = "nas", Scalars = values };
        var point = new MetricsPoint { Ts = Frames.Start, Samples = 1 };
        for (var i = 0; i < values.Length; i++) ((IScalarValues)point).ScalarStorage[i] = values[i];

        var live = JsonSerializer.SerializeToUtf8Bytes(snapshot, LumenJson.LiveSnapshot);
        var history = JsonSerializer.SerializeToUtf8Bytes(new HostMetrics { Points = [point] }, HistoryJson.HostMetrics);

        Assert.Equal(["host_id", "host", "ts", "received_at", .. Catalogue], Keys(live).Take(4 + Catalogue.Length));
        var historyPoint = JsonDocument.Parse(history).RootElement.GetProperty("points")[0];
        Assert.Equal(["ts", .. Catalogue, "samples"], historyPoint.EnumerateObject().Select(p => p.Name));
        Assert.Equal(values, Catalogue.Select(name => historyPoint.GetProperty(name).GetDouble()));
        Assert.Equal(values, JsonSerializer.Deserialize(live, LumenJson.LiveSnapshot)!.Scalars.ToArray());
    }

    private static IEnumerable<string> Keys(byte[] json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().Select(property => property.Name).ToList();
}
