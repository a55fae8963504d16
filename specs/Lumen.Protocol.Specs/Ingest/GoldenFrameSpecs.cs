using System.Buffers;
using System.Text;
using System.Text.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Specs.Ingest;

public sealed class GoldenFrameSpecs
{
    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    [Fact]
    public void Full_go_agent_frame_should_parse_with_every_field()
    {
        var result = FrameParser.Parse(Golden("go-agent-full-frame.json"));

        Assert.Null(result.Error);
        var frame = result.Frame!;
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 46, 39, TimeSpan.Zero).AddTicks(1234567), frame.Ts);
        Assert.Equal(12.5, frame[ScalarMetrics.CpuPct]);
        Assert.Equal([10.1, 14.9, 3.2, 21.8], frame.CpuPerCore!);
        Assert.Equal(524288, frame[ScalarMetrics.DiskWBps]);
        Assert.Equal(47.5, frame[ScalarMetrics.TempC]);
        var container = Assert.Single(frame.Containers!);
        Assert.Equal("jellyfin", container.Name);
        Assert.Equal(4294967296, container.MemLimitBytes);
        Assert.Equal("Intel(R) Celeron(R) N5105 @ 2.00GHz", frame.System!.CpuModel);
        Assert.Equal(864000, frame.System.UptimeSeconds);
        Assert.Equal("Intel UHD Graphics", Assert.Single(frame.Gpus!).Name);
        Assert.Equal(1234, Assert.Single(frame.Processes!).Pid);
    }

    [Fact]
    public void Minimal_frame_with_only_scalars_should_parse_and_normalise_ts_to_utc()
    {
        var result = FrameParser.Parse(Golden("go-agent-minimal-frame.json"));

        Assert.Null(result.Error);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 46, 40, TimeSpan.Zero), result.Frame!.Ts);
        Assert.Equal(TimeSpan.Zero, result.Frame.Ts.Offset);
        Assert.Null(result.Frame.Containers);
        Assert.Null(result.Frame.System);
    }

    [Fact]
    public void Full_lumen_agent_frame_should_carry_every_metric_of_the_catalogue()
    {
        var json = Golden("lumen-agent-full-frame.json");
        var result = FrameParser.Parse(json);

        Assert.Null(result.Error);
        Assert.Equal(1.25, result.Frame![ScalarMetrics.CpuStealPct]);
        using var doc = JsonDocument.Parse(json);
        var fields = doc.RootElement.EnumerateObject().Select(field => field.Name).ToHashSet();
        Assert.Empty(ScalarMetrics.All.Select(metric => metric.Name).Except(fields));
        Assert.Empty(OptionalFrameFields.All.Except(fields));
    }

    [Theory]
    [InlineData("go-agent-full-frame.json")]
    [InlineData("go-agent-minimal-frame.json")]
    [InlineData("lumen-agent-full-frame.json")]
    public void Golden_frame_should_round_trip_to_the_same_json(string name)
    {
        var original = FrameParser.Parse(Golden(name)).Frame!;

        var written = JsonSerializer.SerializeToUtf8Bytes(original, LumenJson.IngestFrame);
        var reread = FrameParser.Parse(written);

        Assert.Null(reread.Error);
        Assert.Equal(Canonical(original), Canonical(reread.Frame!));
        using var doc = JsonDocument.Parse(written);
        Assert.EndsWith("Z", doc.RootElement.GetProperty("ts").GetString());
        Assert.True(doc.RootElement.TryGetProperty("net_rx_bps", out _), "field names are snake_case");
    }

    [Fact]
    public void Golden_frame_should_keep_every_field_name_it_was_sent_with()
    {
        var bytes = Golden("go-agent-full-frame.json");
        var written = JsonSerializer.SerializeToUtf8Bytes(FrameParser.Parse(bytes).Frame!, LumenJson.IngestFrame);

        // A Go agent's frame sent on carries the metrics it did not measure too, as 0.
        Assert.Equal(new SortedSet<string>(FieldNames(bytes).Union(ScalarMetrics.All.Select(metric => metric.Name))), FieldNames(written));
    }

    private static string Canonical(IngestFrame frame) => JsonSerializer.Serialize(frame, LumenJson.IngestFrame);

    private static SortedSet<string> FieldNames(byte[] json)
    {
        var names = new SortedSet<string>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName)
                names.Add(reader.GetString()!);
        return names;
    }
}
