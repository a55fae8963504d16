using System.Text;
using System.Text.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Specs.Ingest.Differential;
using Lumen.Protocol.Json;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Specs.Ingest;

/// <summary>What the hand-written reader behind <see cref="FrameParser"/> promises beyond agreeing with the serializer.</summary>
public sealed class FrameParserReaderSpecs
{
    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    [Fact]
    public void FrameParser_should_allocate_nothing_but_the_frame_for_a_scalar_only_body()
    {
        var body = Golden("go-agent-minimal-frame.json");
        FrameParser.Parse(body);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = FrameParser.Parse(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsValid);
        // The IngestFrame object (~128 bytes on x64), its array of catalogue scalars (24 + 8 per
        // metric) and its host string "pi" (32): no DOM, no dictionary, no boxes.
        Assert.InRange(allocated, 0, 160 + 24 + 8 * ScalarMetrics.Count);
    }

    [Fact]
    public void FrameParser_should_read_a_body_split_into_one_byte_segments_like_a_contiguous_one()
    {
        var body = Golden("go-agent-full-frame.json");

        var split = FrameParser.Parse(SegmentedSequence.Split(body, segmentLength: 1));

        Assert.Null(split.Error);
        Assert.Equal(Canonical(FrameParser.Parse(body).Frame!), Canonical(split.Frame!));
    }

    [Fact]
    public void FrameParser_should_accept_fields_in_any_order()
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes("""{"temp_c":40,"system":{"arch":"arm64","os":"x"},"cpu_pct":1,"ts":"2026-11-27T01:46:39Z"}"""));

        Assert.Null(result.Error);
        Assert.Equal("arm64", result.Frame!.System!.Arch);
    }

    [Fact]
    public void FrameParser_should_report_a_syntax_error_later_in_the_body_before_a_bad_value()
    {
        var error = FrameParser.Parse(Encoding.UTF8.GetBytes("""{"ts":"2026-11-27T01:46:39Z","cpu_pct":"high","gpus":[{"index":1},""")).Error;

        Assert.StartsWith("body is not a valid ingest frame: ", error);
    }

    [Fact]
    public void FrameParser_should_refuse_an_unknown_key_sent_twice_naming_it()
    {
        var error = FrameParser.Parse(Encoding.UTF8.GetBytes("""{"ts":"2026-11-27T01:46:39Z","system":{"bios":1,"bios":2}}""")).Error;

        Assert.StartsWith("system.bios has an invalid value: ", error);
    }

    [Fact]
    public void FrameParser_should_match_an_escaped_key_to_its_field()
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes("""{"ts":"2026-11-27T01:46:39Z","cpu\u005fpct":42}"""));

        Assert.Equal(42, result.Frame![ScalarMetrics.CpuPct]);
    }

    private static string Canonical(IngestFrame frame) => JsonSerializer.Serialize(frame, LumenJson.IngestFrame);
}
