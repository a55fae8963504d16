namespace Lumen.Hub.Hosts.Matching;

/// <summary>
/// Which hosts a rule or a maintenance window names, as the Go hub reads its <c>host</c>
/// field: a comma list whose segments are exact names or globs (<c>*</c>, <c>?</c>,
/// <c>[a-z]</c>, <c>[!0-9]</c>, <c>\</c> escaping), matching when any segment does. Empty
/// names every host. Exact names match case-insensitively, as host names are unique that way;
/// globs match as written, as the Go hub's <c>path.Match</c> does.
/// </summary>
public sealed class HostPattern
{
    public static readonly HostPattern Everyone = new("", []);

    private readonly Segment[] _segments;

    private HostPattern(string text, Segment[] segments) => (Text, _segments) = (text, segments);

    /// <summary>The pattern as stored (trimmed segments joined by commas).</summary>
    public string Text { get; }

    public bool IsEveryone => _segments.Length == 0;

    public bool Matches(string hostName) => IsEveryone || _segments.Any(segment => segment.Matches(hostName));

    /// <summary>The pattern, or the reason it cannot be one (naming the bad segment).</summary>
    public static (HostPattern? Pattern, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (Everyone, null);
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var segments = new List<Segment>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length > 128) return (null, $"host pattern '{part[..32]}…' is longer than 128 characters");
            if (Glob.Check(part) is { } error) return (null, $"host pattern '{part}' {error}");
            segments.Add(new Segment(part, Glob.HasWildcards(part)));
        }
        return (new HostPattern(string.Join(",", parts), [.. segments]), null);
    }

    public override string ToString() => Text;

    private sealed record Segment(string Text, bool IsGlob)
    {
        public bool Matches(string name) =>
            IsGlob ? Glob.Matches(Text, name) : string.Equals(Text, name, StringComparison.OrdinalIgnoreCase);
    }
}
