using System.Collections.Concurrent;
using System.Text.Json;

namespace Lumen.Faults.Specs.Fuzzing;

/// <summary>What one input got: a status, or no answer at all (the connection was cut).</summary>
public sealed record FuzzResult(string Target, int Status, bool ErrorBodyIsJson, byte[] Input, string? Problem);

/// <summary>
/// Counts every input by target and answer, and keeps the ones that broke a rule: a 5xx, or an
/// error answer that is not <c>{"error":"…"}</c>. Those are written to a folder to replay.
/// </summary>
public sealed class FuzzTally
{
    private readonly ConcurrentDictionary<(string Target, int Status), int> _counts = new();
    private readonly ConcurrentQueue<FuzzResult> _broken = new();

    public int Total => _counts.Values.Sum();
    public IReadOnlyCollection<FuzzResult> Broken => _broken;

    public void Add(FuzzResult result)
    {
        _counts.AddOrUpdate((result.Target, result.Status), 1, (_, n) => n + 1);
        if (result.Problem is not null) _broken.Enqueue(result);
    }

    public int Count(int status) => _counts.Where(c => c.Key.Status == status).Sum(c => c.Value);

    /// <summary>One line per target: how many inputs and what they got, e.g. <c>ingest 1650: 400×1500, 413×20, 204×130</c>.</summary>
    public IEnumerable<string> Summary() =>
        _counts.GroupBy(c => c.Key.Target).OrderBy(g => g.Key).Select(g =>
            $"{g.Key} {g.Sum(c => c.Value)}: " + string.Join(", ", g.OrderByDescending(c => c.Value).Select(c => $"{(c.Key.Status == 0 ? "cut" : c.Key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{c.Value}")));

    /// <summary>Writes every broken input to <paramref name="folder"/> (target, status, problem, then the bytes).</summary>
    public void Save(string folder)
    {
        if (_broken.IsEmpty) return;
        Directory.CreateDirectory(folder);
        var n = 0;
        foreach (var broken in _broken)
            File.WriteAllBytes(Path.Combine(folder, $"{++n:D4}-{broken.Target.Replace(' ', '-')}-{broken.Status}.bin"), broken.Input);
    }

    /// <summary>Whether an error answer is the API's <c>{"error":"…"}</c>.</summary>
    public static bool IsJsonError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error", out var error)
                   && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
