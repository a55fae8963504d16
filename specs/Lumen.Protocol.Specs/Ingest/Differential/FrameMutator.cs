using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Protocol.Specs.Ingest.Differential;

/// <summary>
/// Makes structure-aware variants of a valid frame: keys removed, renamed or added, values
/// swapped for other types and edge numbers, strings at and past their caps, arrays grown past
/// theirs. Values the DOM cannot hold (1e400, NaN, deep nesting) go in as placeholders that are
/// replaced by their raw text after writing.
/// </summary>
internal sealed class FrameMutator(Random random)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] UnknownNames =
    [
        "cpu_temp", "unknown_fields", "UnknownFields", "$id", "$type", "$ref", "CPU_PCT", "cpuPct", "cpu_pct ", "",
        "é", "ts2", "pid", "mem_used_bytes", "system", "name", "containers", "index", "host",
    ];

    private static readonly Dictionary<string, int> StringCaps = new()
    {
        ["id"] = 64, ["name"] = 128, ["image"] = 256, ["state"] = 32, ["os"] = 256, ["hostname"] = 256,
        ["primary_ip"] = 256, ["kernel"] = 256, ["arch"] = 32, ["cpu_model"] = 256, ["agent_version"] = 32,
        ["virt_type"] = 32, ["user"] = 64, ["cmd"] = 1024, ["host"] = 300, ["mount"] = 512, ["device"] = 256, ["fs_type"] = 32,
    };

    private static readonly Dictionary<string, int> ArrayCaps = new()
    {
        ["cpu_per_core"] = 256, ["containers"] = 500, ["gpus"] = 64, ["processes"] = 500, ["disks"] = 128, ["nics"] = 64,
        ["filesystems"] = 64,
    };

    private readonly List<string> _raw = [];

    public string Mutate(JsonObject frame)
    {
        _raw.Clear();
        for (var steps = random.Next(1, 3); steps > 0; steps--)
        {
            var nodes = Containers(frame).ToList();
            switch (EdgeValues.Pick(random, nodes))
            {
                case JsonObject o: MutateObject(o); break;
                case JsonArray a: MutateArray(a); break;
            }
        }
        var text = frame.ToJsonString(Relaxed);
        // Latest first: a raw value may hold the placeholder of an earlier one.
        for (var i = _raw.Count - 1; i >= 0; i--)
            text = text.Replace(EdgeValues.Quoted(Placeholder(i)), _raw[i], StringComparison.Ordinal);
        return text;
    }

    private void MutateObject(JsonObject o)
    {
        var keys = o.Select(p => p.Key).ToList();
        if (keys.Count == 0 || random.Next(8) == 0)
        {
            o[EdgeValues.Pick(random, UnknownNames)] = Raw(EdgeValues.Any(random));
            return;
        }
        var key = EdgeValues.Pick(random, keys);
        switch (random.Next(7))
        {
            case 0: o.Remove(key); break;
            case 1: MoveToEnd(o, key); break;
            case 2: o[key] = Raw(EdgeValues.Any(random)); break;
            case 3 or 4: o[key] = SameKind(key, o[key]); break;
            case 5: o[key] = Raw(EdgeValues.Pick(random, Containers(o.Root).ToList()).ToJsonString(Relaxed)); break;
            default: o[key] = Raw(EdgeValues.Pick(random, EdgeValues.Numbers)); break;
        }
    }

    /// <summary>Another value of the kind the field holds, often still valid: edges, not type errors.</summary>
    private JsonNode? SameKind(string key, JsonNode? current) => current?.GetValueKind() switch
    {
        _ when key == "ts" => Raw(EdgeValues.Quoted(EdgeValues.Pick(random, EdgeValues.Timestamps))),
        JsonValueKind.Number => Raw(EdgeValues.Pick(random, EdgeValues.Numbers)),
        JsonValueKind.String => StringNearCap(key),
        _ => Raw(EdgeValues.Any(random)),
    };

    /// <summary>Fields in another order: valid, and defeats the reader's next-field guess.</summary>
    private static void MoveToEnd(JsonObject o, string key)
    {
        var value = o[key];
        o.Remove(key);
        o[key] = value;
    }

    private void MutateArray(JsonArray a)
    {
        var cap = a.Parent is JsonObject ? ArrayCaps.GetValueOrDefault(a.GetPropertyName(), 0) : 0;
        // Rare: a frame at or one past a cap is large, and one kind of refusal is enough.
        if (cap > 0 && random.Next(40) == 0)
        {
            var item = a.Count > 0 ? a[0]?.ToJsonString(Relaxed) ?? "null" : "1";
            while (a.Count < cap + random.Next(2)) a.Add(Raw(item));
            return;
        }
        switch (random.Next(4))
        {
            case 0: a.Add(a.Count > 0 && random.Next(2) == 0 ? a[random.Next(a.Count)]?.DeepClone() : Raw(EdgeValues.Any(random))); break;
            case 1 when a.Count > 0: a.RemoveAt(random.Next(a.Count)); break;
            case 2 when a.Count > 0: a[random.Next(a.Count)] = Raw(EdgeValues.Any(random)); break;
            default: a.Insert(0, null); break;
        }
    }

    /// <summary>A string one below, at or one past the field's cap, in characters that count differently in UTF-8 and UTF-16.</summary>
    private JsonNode StringNearCap(string key)
    {
        var cap = StringCaps.GetValueOrDefault(key, 64);
        var length = cap + random.Next(-1, 2);
        var unit = EdgeValues.Pick(random, ["x", "é", "😀", "\\"]);
        var text = string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1))[..length];
        return JsonValue.Create(text);
    }

    private JsonNode Raw(string json)
    {
        _raw.Add(json);
        return JsonValue.Create(Placeholder(_raw.Count - 1));
    }

    private static string Placeholder(int index) => $"@raw{index}@";

    private static IEnumerable<JsonNode> Containers(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
            if (child is JsonObject or JsonArray)
                foreach (var inner in Containers(child))
                    yield return inner;
    }
}
