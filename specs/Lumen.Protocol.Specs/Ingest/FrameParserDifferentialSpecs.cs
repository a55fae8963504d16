using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Specs.Ingest.Differential;
using Lumen.Protocol.Json;

namespace Lumen.Protocol.Specs.Ingest;

/// <summary>
/// Holds the hand-written <see cref="FrameParser"/> to the source-generated deserializer and
/// validator (<see cref="SerializerFrameParser"/>) on the golden frames and thousands of
/// mutations of them: both must accept the same bodies, build equal frames and name the same
/// field when they refuse.
/// </summary>
public sealed partial class FrameParserDifferentialSpecs
{
    private const int Seed = 20261127;
    private const int MutationsPerGolden = 1500;

    private static readonly string[] GoldenNames = ["go-agent-full-frame.json", "go-agent-minimal-frame.json", "lumen-agent-full-frame.json"];

    [Fact]
    public void FrameParser_should_agree_with_the_serializer_on_golden_frames_and_their_mutations()
    {
        var random = new Random(Seed);
        var mutator = new FrameMutator(random);
        var disagreements = new List<string>();
        var accepted = 0;
        var cases = 0;
        foreach (var name in GoldenNames)
            Compare(File.ReadAllBytes(GoldenPath(name)), random, disagreements, ref accepted, ref cases);
        foreach (var golden in Bases())
        {
            Compare(Encoding.UTF8.GetBytes(golden.ToJsonString()), random, disagreements, ref accepted, ref cases);
            for (var i = 0; i < MutationsPerGolden; i++)
            {
                var body = Encoding.UTF8.GetBytes(mutator.Mutate(golden.DeepClone().AsObject()));
                if (random.Next(4) == 0) body = ByteMutations.Apply(body, random);
                Compare(body, random, disagreements, ref accepted, ref cases);
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {cases} bodies disagree:\n{string.Join("\n", disagreements.Take(8))}");
        // Both outcomes must be common, or the mutations test nothing.
        Assert.InRange(accepted, cases / 10, cases * 9 / 10);
    }

    /// <summary>The golden frames, and the Lumen agent's full one with several items in every list.</summary>
    private static IEnumerable<JsonObject> Bases()
    {
        var goldens = GoldenNames.Select(name => JsonNode.Parse(File.ReadAllText(GoldenPath(name)))!.AsObject()).ToList();
        var busy = goldens[^1].DeepClone().AsObject();
        foreach (var list in new[] { "containers", "gpus", "processes", "disks", "nics", "filesystems" })
        {
            var items = busy[list]!.AsArray();
            items.Add(items[0]!.DeepClone());
            items.Add(items[0]!.DeepClone());
        }
        return [.. goldens, busy];
    }

    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    private static void Compare(byte[] body, Random random, List<string> disagreements, ref int accepted, ref int cases)
    {
        cases++;
        var expected = SerializerFrameParser.Parse(new ReadOnlySequence<byte>(body));
        if (expected.IsValid) accepted++;
        var fromSpan = FrameParser.Parse(body);
        var fromSegments = FrameParser.Parse(SegmentedSequence.Split(body, random));
        foreach (var (how, actual) in new[] { ("span", fromSpan), ("segments", fromSegments) })
            if (Outcome(actual) != Outcome(expected))
                disagreements.Add($"[{how}] {Printable(body)}\n  serializer: {Outcome(expected)}\n  reader:     {Outcome(actual)}");
    }

    /// <summary>
    /// What must match: the whole frame (as LumenJsonContext writes it) when accepted; the named
    /// field when refused for a bad value; the whole message when the validator refused.
    /// </summary>
    private static string Outcome(FrameParseResult result)
    {
        if (result.Frame is { } frame) return "accepted " + JsonSerializer.Serialize(frame, LumenJson.IngestFrame);
        var error = result.Error!;
        if (error.StartsWith("body is not a valid ingest frame: ", StringComparison.Ordinal)) return "refused: body is not a valid ingest frame";
        var cut = error.IndexOf(" has an invalid value: ", StringComparison.Ordinal);
        return cut >= 0 ? $"refused: {Dotted(error[..cut])} has an invalid value" : $"refused: {error}";
    }

    /// <summary>
    /// The serializer writes a key with a space, quote or dot in it as <c>['key']</c> in its path
    /// (<c>$['key']</c> at the top); the reader names it as the validator does. Same field.
    /// </summary>
    private static string Dotted(string path)
    {
        var dotted = BracketedKey().Replace(path.StartsWith("$[", StringComparison.Ordinal) ? path[1..] : path,
            key => "." + Regex.Replace(key.Groups[1].Value, @"\\(.)", "$1"));
        return dotted.StartsWith('.') ? dotted[1..] : dotted;
    }

    [GeneratedRegex(@"\['((?:[^'\\]|\\.)*)'\]")]
    private static partial Regex BracketedKey();

    private static string Printable(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var rune in Encoding.UTF8.GetString(body).EnumerateRunes())
            text.Append(rune.Value is < 0x20 or 0xFFFD ? $"\\x{rune.Value:x2}" : rune.ToString());
        return text.Length > 600 ? text.ToString(0, 600) + "…" : text.ToString();
    }
}
