using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Protocol.Json;

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
        Console.WriteLine("| frame | parser | µs/parse, best of 5 | µs/parse, median | bytes allocated/parse |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (frame, body) in Frames())
        {
            var results = Measure(body);
            for (var p = 0; p < Parsers.Length; p++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {frame} ({body.Length} B) | {Parsers[p].Name} | {results[p].Best:F2} | {results[p].Median:F2} | {results[p].Bytes:F0} |"));
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

    /// <summary>
    /// Rounds of the parsers alternate, so a neighbour's build on this shared machine slows
    /// both alike instead of whichever happened to run during it.
    /// </summary>
    private static (double Best, double Median, double Bytes)[] Measure(ReadOnlySequence<byte> body)
    {
        // Long enough for tiered compilation to reach its optimised, profile-guided code.
        foreach (var (_, parse) in Parsers) Loop(body, parse, Warmup);
        var rounds = Parsers.Select(_ => new List<(double Micros, double Bytes)>()).ToArray();
        for (var r = 0; r < Rounds; r++)
            for (var p = 0; p < Parsers.Length; p++)
                rounds[p].Add(Loop(body, Parsers[p].Parse, RoundTime));
        return [.. rounds.Select(measured => measured.OrderBy(m => m.Micros).ToList())
            .Select(sorted => (sorted[0].Micros, sorted[Rounds / 2].Micros, sorted[Rounds / 2].Bytes))];
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
