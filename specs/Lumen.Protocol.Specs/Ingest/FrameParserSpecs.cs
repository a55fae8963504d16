using System.Text;
using System.Text.Json.Nodes;
using Lumen.Protocol.Json;

namespace Lumen.Protocol.Specs.Ingest;

public sealed class FrameParserSpecs
{
    private static JsonObject ValidFrame() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Golden", "go-agent-full-frame.json")))!.AsObject();

    private static string? ErrorOf(string json) => FrameParser.Parse(Encoding.UTF8.GetBytes(json)).Error;

    private static string? ErrorOf(JsonObject frame) => ErrorOf(frame.ToJsonString());

    [Theory]
    [InlineData("cpu_pct", 100.5)]
    [InlineData("cpu_pct", -0.1)]
    [InlineData("ram_pct", 101)]
    [InlineData("swap_pct", -1)]
    [InlineData("disk_pct", 250)]
    [InlineData("load1", -0.5)]
    [InlineData("net_rx_bps", -1)]
    [InlineData("disk_w_bps", -1)]
    [InlineData("temp_c", 150.1)]
    [InlineData("temp_c", -50.1)]
    public void Frame_should_be_refused_naming_the_field_when_a_scalar_is_out_of_range(string field, double value)
    {
        var frame = ValidFrame();
        frame[field] = value;

        var error = ErrorOf(frame);

        Assert.NotNull(error);
        Assert.StartsWith(field + " ", error);
    }

    [Fact]
    public void Frame_should_be_refused_naming_the_index_when_a_core_is_out_of_range()
    {
        var frame = ValidFrame();
        frame["cpu_per_core"] = new JsonArray(10, 20, 130);

        Assert.StartsWith("cpu_per_core[2] ", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_when_it_has_more_cores_than_the_cap()
    {
        var frame = ValidFrame();
        frame["cpu_per_core"] = new JsonArray(Enumerable.Range(0, 257).Select(_ => (JsonNode?)1.0).ToArray());

        Assert.Contains("cpu_per_core has 257 entries", ErrorOf(frame));
    }

    [Theory]
    [InlineData("name", 129)]
    [InlineData("id", 65)]
    [InlineData("image", 257)]
    [InlineData("state", 33)]
    public void Frame_should_be_refused_naming_the_container_field_when_a_string_is_too_long(string field, int length)
    {
        var frame = ValidFrame();
        frame["containers"]![0]![field] = new string('x', length);

        Assert.StartsWith($"containers[0].{field} ", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_when_it_has_more_containers_than_the_cap()
    {
        var frame = ValidFrame();
        var container = frame["containers"]![0]!;
        frame["containers"] = new JsonArray(Enumerable.Range(0, 501).Select(_ => (JsonNode?)container.DeepClone()).ToArray());

        Assert.Contains("containers has 501 entries", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_naming_an_unknown_field()
    {
        var frame = ValidFrame();
        frame["cpu_temp"] = 40;

        Assert.Equal("cpu_temp is not a known field", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_naming_an_unknown_nested_field()
    {
        var frame = ValidFrame();
        frame["system"]!["bios"] = "x";

        Assert.Equal("system.bios is not a known field", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_naming_the_field_when_its_type_is_wrong()
    {
        var frame = ValidFrame();
        frame["ram_pct"] = "sixty";

        Assert.StartsWith("ram_pct has an invalid value", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_be_refused_when_a_number_is_sent_as_a_string()
    {
        var frame = ValidFrame();
        frame["containers"]![0]!["mem_used_bytes"] = "1024";

        Assert.StartsWith("containers[0].mem_used_bytes has an invalid value", ErrorOf(frame));
    }

    [Theory]
    [InlineData("\"2026-11-27\"")]
    [InlineData("\"2026-11-27T01:46:39\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1764208000")]
    public void Frame_should_be_refused_when_ts_is_not_rfc3339(string ts)
    {
        var error = ErrorOf($$"""{"ts":{{ts}},"cpu_pct":1}""");

        Assert.StartsWith("ts has an invalid value", error);
    }

    [Fact]
    public void Frame_should_be_refused_when_ts_is_missing()
    {
        Assert.StartsWith("ts is required", ErrorOf("""{"cpu_pct":1}"""));
    }

    [Fact]
    public void Frame_should_be_refused_when_ts_is_from_an_unset_clock()
    {
        Assert.Contains("before 2000-01-01", ErrorOf("""{"ts":"1970-01-01T00:00:05Z","cpu_pct":1}"""));
    }

    [Fact]
    public void Frame_should_be_refused_when_a_key_is_duplicated()
    {
        var error = ErrorOf("""{"ts":"2026-11-27T01:46:39Z","cpu_pct":1,"cpu_pct":99}""");

        Assert.NotNull(error);
        Assert.Contains("cpu_pct", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"ts\":\"2026-11-27T01:46:39Z\",\"cpu_pct\":1e400}")]
    [InlineData("{\"ts\":\"2026-11-27T01:46:39Z\",\"cpu_pct\":NaN}")]
    public void Frame_should_be_refused_with_a_message_when_the_body_is_not_a_frame(string body)
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Theory]
    [InlineData("{\"ts\":\"2026-11-27T01:46:39Z\",\"cpu_pct\":1} garbage")]
    [InlineData("{\"ts\":\"2026-11-27T01:46:39Z\",\"cpu_pct\":1}{\"ts\":\"2026-11-27T01:46:44Z\"}")]
    public void Frame_should_be_refused_when_content_follows_the_object(string body)
    {
        Assert.StartsWith("body has content after", FrameParser.Parse(Encoding.UTF8.GetBytes(body)).Error);
    }

    [Fact]
    public void Frame_should_be_accepted_with_white_space_after_the_object()
    {
        Assert.True(FrameParser.Parse(Encoding.UTF8.GetBytes("{\"ts\":\"2026-11-27T01:46:39Z\"}\n  \r\n")).IsValid);
    }

    [Fact]
    public void Frame_should_be_refused_when_a_string_is_not_valid_utf8()
    {
        var head = Encoding.UTF8.GetBytes("{\"ts\":\"2026-11-27T01:46:39Z\",\"host\":\"");
        byte[] body = [.. head, 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        Assert.False(FrameParser.Parse(body).IsValid);
    }

    [Fact]
    public void Frame_should_be_refused_when_nesting_is_deeper_than_a_frame_ever_is()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        Assert.False(FrameParser.Parse(Encoding.UTF8.GetBytes(deep)).IsValid);
    }
}
