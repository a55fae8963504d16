using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Protocol;

namespace Lumen.Bench.Parse;

/// <summary>
/// <c>Lumen.Bench parse</c>: time and garbage per parse of the golden frames, the hand-written
/// <see cref="FrameParser"/> against the source-generated <see cref="SerializerFrameParser"/> it
/// replaced. One thread, in process: it measures the parser, not the HTTP stack around it.
/// </summary>
public static class ParseBench
{
    private const int Rounds = 5;
    private const int ParsesPerCheck = 1000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RoundTime = TimeSpan.FromSeconds(1);

    private static readonly string[] Goldens = ["go-agent-full-frame.json", "go-agent-minimal-frame.json"];

    private static readonly (string Name, Func<ReadOnlySequence<byte>, FrameParseResult> Parse)[] Parsers =
    [
        ("serializer (before)", SerializerFrameParser.Parse),
        ("FrameParser (after)", FrameParser.Parse),
    ];

    public static int Run()
    {
        Console.WriteLine("| frame | parser | µs/parse (median of 5) | bytes allocated/parse |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var (frame, body) in Frames())
            foreach (var (name, parse) in Parsers)
            {
                var (micros, bytes) = Measure(body, parse);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {frame} ({body.Length} B) | {name} | {micros:F2} | {bytes:F0} |"));
            }
        return 0;
    }

    /// <summary>Each golden file as written (indented), and compact as a Go agent's json.Marshal sends it.</summary>
    private static IEnumerable<(string Name, ReadOnlySequence<byte> Body)> Frames()
    {
        foreach (var golden in Goldens)
        {
            var indented = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", golden));
            yield return (golden, new ReadOnlySequence<byte>(indented));
            yield return ($"{golden}, compact", new ReadOnlySequence<byte>(Compact(indented)));
        }
    }

    // Relaxed escaping: Go leaves '+' in "+01:00" as it is, and the timestamp rules read it raw.
    private static byte[] Compact(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return output.WrittenSpan.ToArray();
    }

    private static (double Micros, double Bytes) Measure(ReadOnlySequence<byte> body, Func<ReadOnlySequence<byte>, FrameParseResult> parse)
    {
        // Long enough for tiered compilation to reach its optimised, profile-guided code.
        Loop(body, parse, Warmup);
        var rounds = Enumerable.Range(0, Rounds).Select(_ => Loop(body, parse, RoundTime)).OrderBy(r => r.Micros).ToList();
        return rounds[Rounds / 2];
    }

    private static (double Micros, double Bytes) Loop(ReadOnlySequence<byte> body, Func<ReadOnlySequence<byte>, FrameParseResult> parse, TimeSpan duration)
    {
        long parses = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < ParsesPerCheck; i++)
                if (!parse(body).IsValid) throw new InvalidOperationException("the golden frame was refused");
            parses += ParsesPerCheck;
        }
        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (elapsed.TotalMicroseconds / parses, (double)allocated / parses);
    }
}
