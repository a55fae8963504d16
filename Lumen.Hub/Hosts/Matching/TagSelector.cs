namespace Lumen.Hub.Hosts.Matching;

/// <summary>
/// A rule's <c>host_selector</c> as the Go hub reads it: <c>key=value</c> pairs joined by
/// commas, all of which a host's tags must hold exactly (case-sensitive). A bare <c>key</c>
/// means <c>key=</c>; a key given twice keeps its last value. Empty selects every host.
/// </summary>
public sealed class TagSelector
{
    public static readonly TagSelector Everyone = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private readonly SortedDictionary<string, string> _pairs;

    private TagSelector(SortedDictionary<string, string> pairs) => _pairs = pairs;

    public IReadOnlyDictionary<string, string> Pairs => _pairs;

    public bool IsEveryone => _pairs.Count == 0;

    /// <summary>The canonical form: pairs sorted by key, <c>k=v</c> joined by commas (a bare key as <c>k=</c>).</summary>
    public string Text => string.Join(",", _pairs.Select(pair => $"{pair.Key}={pair.Value}"));

    public bool Matches(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in _pairs)
            if (!tags.TryGetValue(key, out var actual) || actual != value) return false;
        return true;
    }

    /// <summary>The selector, or the reason it cannot be one (naming the bad pair).</summary>
    public static (TagSelector? Selector, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (Everyone, null);
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = (equals < 0 ? part : part[..equals]).Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (value.Contains('=')) return (null, $"selector pair '{part}' has more than one '='");
            if (HostTags.Validate(new Dictionary<string, string?> { [key] = value }) is { } error) return (null, $"selector pair '{part}': {error}");
            pairs[key] = value;
        }
        return (new TagSelector(pairs), null);
    }

    public override string ToString() => Text;
}
