using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Protocol.Specs.Ingest.Differential;

/// <summary>
/// Damage done to a written frame's bytes, where the DOM cannot go: truncation, invalid UTF-8,
/// duplicate and escaped keys, stray bytes, trailing data, and bodies that are not objects.
/// </summary>
internal static partial class ByteMutations
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0x80], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] StrayBytes = ["{", "}", "[", "]", ",", ":", "\"", "\\", "0", "e", "-", " ", "\u0001", "n"];

    private static readonly string[] Trailers = ["garbage", "{}", ",", " ", "\n", "\u0000", "}", "]", "{\"ts\":1}"];

    private static readonly string[] WholeBodies =
    [
        "", " ", "null", "1", "\"x\"", "[]", "[", "{", "}", "{}", "[{}]", "null x", "{\"ts\":1}", "true", "{\"ts\":null}",
    ];

    private static readonly string[] DuplicateValues = ["0", "null", "\"x\"", "{}", "[]", "1e400", "\"2026-11-27T01:46:39Z\""];

    public static byte[] Apply(byte[] json, Random random) => random.Next(9) switch
    {
        0 => json[..random.Next(json.Length + 1)],
        1 => InsertAfterQuote(json, EdgeValues.Pick(random, InvalidUtf8), random),
        2 or 3 => DuplicateKey(json, random),
        4 => EscapeKeyCharacter(json, random),
        5 => Replace(json, random.Next(json.Length), Encoding.UTF8.GetBytes(EdgeValues.Pick(random, StrayBytes))),
        6 => [.. json, .. Encoding.UTF8.GetBytes(EdgeValues.Pick(random, Trailers))],
        7 => Encoding.UTF8.GetBytes(EdgeValues.Pick(random, WholeBodies)),
        _ => Encoding.UTF8.GetBytes($"[{Encoding.UTF8.GetString(json)}]"),
    };

    /// <summary>Right after a quote, the bytes land in a key or a string value (or just past one).</summary>
    private static byte[] InsertAfterQuote(byte[] json, byte[] inserted, Random random)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == '"').ToList();
        var at = quotes.Count == 0 ? random.Next(json.Length + 1) : EdgeValues.Pick(random, quotes) + 1;
        return [.. json[..at], .. inserted, .. json[at..]];
    }

    /// <summary>Writes another <c>"key":value,</c> in front of an existing key, in the same object.</summary>
    private static byte[] DuplicateKey(byte[] json, Random random)
    {
        var text = Encoding.UTF8.GetString(json);
        var keys = KeyPattern().Matches(text);
        if (keys.Count == 0) return json;
        var key = keys[random.Next(keys.Count)];
        var duplicate = $"{key.Value}{EdgeValues.Pick(random, DuplicateValues)},";
        return Encoding.UTF8.GetBytes(text.Insert(key.Index, duplicate));
    }

    /// <summary>Spells one character of a key as a <c>\u</c> escape, or a lone surrogate.</summary>
    private static byte[] EscapeKeyCharacter(byte[] json, Random random)
    {
        var text = Encoding.UTF8.GetString(json);
        var keys = KeyPattern().Matches(text);
        if (keys.Count == 0) return json;
        var key = keys[random.Next(keys.Count)];
        var name = key.Groups[1];
        if (name.Length == 0) return json;
        var at = name.Index + random.Next(name.Length);
        var escape = random.Next(5) == 0 ? "\\ud800" : $"\\u{(int)text[at]:x4}";
        return Encoding.UTF8.GetBytes(text[..at] + escape + text[(at + 1)..]);
    }

    private static byte[] Replace(byte[] json, int at, byte[] with) =>
        json.Length == 0 ? with : [.. json[..at], .. with, .. json[(at + 1)..]];

    [GeneratedRegex("\"([a-z0-9_]*)\":")]
    private static partial Regex KeyPattern();
}
