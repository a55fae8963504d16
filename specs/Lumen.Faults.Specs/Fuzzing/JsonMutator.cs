using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Lumen.Faults.Specs.Fuzzing;

/// <summary>
/// Structure-aware mutations of a valid JSON body: a value swapped for another type, a hostile
/// number (huge, tiny, NaN, Infinity), a field removed, duplicated or unknown, deep nesting,
/// long or invalid-UTF-8 strings, huge arrays, wrong timestamps; then byte-level damage on top
/// (truncation, flipped bytes, trailing garbage). Seeded, so a failing input can be made again.
/// </summary>
public sealed class JsonMutator(int seed)
{
    private const string Marker = "\u0001raw-";
    private readonly Random _random = new(seed);
    private readonly List<byte[]> _raw = [];

    private static readonly string[] HostileNumbers =
    [
        "0", "-0", "-1", "1e308", "-1e308", "1.7976931348623157e308", "1e309", "-1e999", "5e-324", "1e-400",
        "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "0.1", "101", "1e2", "3.0",
    ];

    private static readonly string[] InvalidTokens =
    [
        "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "-", "1e", "tru", "nul", "undefined", "'single'", "\"unterminated",
    ];

    private static readonly string[] HostileTimestamps =
    [
        "2026-13-01T00:00:00Z", "0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "2026-01-01",
        "2026-01-01T00:00:00", "yesterday", "", "2026-06-30T23:59:60Z", "+275760-09-13T00:00:00Z", "2026-01-01T00:00:00+14:00",
        "2026-01-01T00:00:00-23:59", "2026-01-01T00:00:00.123456789123Z", "2026-01-01T00:00:00Z\u0000",
    ];

    /// <summary>One hostile variant of <paramref name="seedBody"/>, as the bytes to send.</summary>
    public byte[] Mutate(JsonNode seedBody)
    {
        _raw.Clear();
        if (_random.Next(20) == 0) return TopLevel();
        var node = seedBody.DeepClone();
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++) node = MutateTree(node);
        var bytes = Assemble(node.ToJsonString());
        return _random.Next(4) == 0 ? MutateBytes(bytes) : bytes;
    }

    private JsonNode MutateTree(JsonNode root)
    {
        var slots = Slots(root).ToList();
        if (slots.Count == 0) return root;
        var (parent, key) = slots[_random.Next(slots.Count)];
        switch (_random.Next(11))
        {
            case 6 when parent is JsonObject o: o[RawName([(byte)'"', 0xC3, 0x28, (byte)'k', 0xFF, (byte)'"'])] = HostileValue(); break;
            case 0 when parent is JsonObject o: o.Remove((string)key); break;
            case 1 when parent is JsonObject o: o[Unknown()] = HostileValue(); break;
            case 2 when parent is JsonObject o: o[RawName(Duplicate(o, (string)key))] = HostileValue(); break;
            case 3: Set(parent, key, Raw(Nesting())); break;
            case 4: Set(parent, key, HugeArray()); break;
            case 5: Set(parent, key, JsonValue.Create(HostileTimestamps[_random.Next(HostileTimestamps.Length)])); break;
            default: Set(parent, key, HostileValue()); break;
        }
        return root;
    }

    private JsonNode? HostileValue() => _random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create("a string where a number belongs"),
        3 => new JsonArray(1, "two", null, new JsonObject()),
        4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
        5 => Raw(HostileNumbers[_random.Next(HostileNumbers.Length)]),
        6 => Raw(InvalidTokens[_random.Next(InvalidTokens.Length)]),
        7 => JsonValue.Create(new string('x', _random.Next(1, 300_000))),
        8 => RawBytes([(byte)'"', 0xC3, 0x28, 0xFF, (byte)'a', 0xED, 0xA0, 0x80, (byte)'"']),
        9 => JsonValue.Create("\u0000\u001f\u202e\ud83d\ude00 <script>alert(1)</script> ' OR 1=1 --"),
        10 => Raw("\"\\ud800 lone surrogate\""),
        _ => Raw(HostileNumbers[_random.Next(HostileNumbers.Length)]),
    };

    private JsonNode HugeArray()
    {
        var array = new JsonArray();
        var count = _random.Next(2) == 0 ? 257 : _random.Next(1000, 20_000);
        for (var i = 0; i < count; i++) array.Add(_random.Next(3) == 0 ? new JsonObject { ["id"] = "x" } : JsonValue.Create(i % 100));
        return array;
    }

    private string Nesting()
    {
        var depth = _random.Next(2) == 0 ? _random.Next(60, 70) : _random.Next(1000, 100_000);
        return _random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private string Duplicate(JsonObject o, string key) => $"\"{key}\":{o[key]?.ToJsonString() ?? "null"},\"{key}\"";

    private string Unknown() => _random.Next(3) switch
    {
        0 => "__proto__",
        1 => "unknown_" + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
        _ => "CPU_PCT",
    };

    private byte[] TopLevel() => _random.Next(10) switch
    {
        0 => [],
        1 => "null"u8.ToArray(),
        2 => "[]"u8.ToArray(),
        3 => "0"u8.ToArray(),
        4 => "\"text\""u8.ToArray(),
        5 => "{}"u8.ToArray(),
        6 => Encoding.UTF8.GetBytes(Nesting()),
        7 => Encoding.UTF8.GetBytes(new string(' ', 2_000_000) + "{}"),
        8 => [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'],
        _ => RandomBytes(_random.Next(1, 4096)),
    };

    private byte[] MutateBytes(byte[] bytes)
    {
        switch (_random.Next(6))
        {
            case 0 when bytes.Length > 1:
                return bytes[.._random.Next(1, bytes.Length)];
            case 1:
                for (var i = 0; i < 1 + _random.Next(8); i++) bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                return bytes;
            case 2:
                return [.. bytes, .. "xyz"u8];
            case 3:
                return [.. bytes, .. bytes];
            case 4:
                return [.. bytes[..^1], .. ",}"u8];
            default:
                return [.. "/* comment */"u8, .. bytes];
        }
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every (container, key) where a value sits, objects and arrays alike.</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key);
                    if (child is not null) foreach (var slot in Slots(child)) yield return slot;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } child) foreach (var slot in Slots(child)) yield return slot;
                }
                break;
        }
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else if (parent is JsonArray a) a[(int)key] = value;
    }

    private JsonNode Raw(string text) => RawBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A placeholder value the serializer writes as a string and <see cref="Assemble"/> swaps for raw bytes.</summary>
    private JsonNode RawBytes(byte[] bytes) => JsonValue.Create(RawName(bytes))!;

    /// <summary>
    /// A placeholder property name: swapped like a value, quotes and all, so
    /// <c>"cpu_pct":1,"cpu_pct"</c> makes a duplicate key.
    /// </summary>
    private string RawName(string text) => RawName(Encoding.UTF8.GetBytes(text));

    private string RawName(byte[] bytes)
    {
        _raw.Add(bytes);
        return Marker + (_raw.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private byte[] Assemble(string json)
    {
        if (_raw.Count == 0) return Encoding.UTF8.GetBytes(json);
        var output = new List<byte>(json.Length);
        var quotedMarker = JsonValue.Create(Marker)!.ToJsonString()[..^1]; // the marker as the serializer escapes it, without the closing quote
        var at = 0;
        while (true)
        {
            var found = json.IndexOf(quotedMarker, at, StringComparison.Ordinal);
            if (found < 0) break;
            output.AddRange(Encoding.UTF8.GetBytes(json[at..found]));
            var end = json.IndexOf('"', found + quotedMarker.Length);
            var index = int.Parse(json[(found + quotedMarker.Length)..end], CultureInfo.InvariantCulture);
            output.AddRange(_raw[index]);
            at = end + 1;
        }
        output.AddRange(Encoding.UTF8.GetBytes(json[at..]));
        return [.. output];
    }
}
