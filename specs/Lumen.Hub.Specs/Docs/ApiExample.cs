using System.Net;
using System.Text.RegularExpressions;

namespace Lumen.Hub.Specs.Docs;

/// <summary>
/// One request-and-answer example of the docs: a fenced block <c>```http title="example"</c>
/// (signed in) or <c>title="example, signed out"</c> holding the request line, header lines,
/// an optional body, a blank line, <c>HTTP/1.1 STATUS</c> and optionally the answer's JSON,
/// whose keys the real answer must have.
/// </summary>
public sealed partial record ApiExample(string File, int Line, bool SignedIn, string Method, string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, HttpStatusCode Status, string? ExpectedJson)
{
    /// <summary>The pages whose examples the spec runs.</summary>
    public static readonly string[] Pages = ["docs/api.md", "docs/history.md", "docs/install.md"];

    public override string ToString() => $"{File}:{Line} {Method} {Target} → {(int)Status}";

    /// <summary>Every example block of <paramref name="markdown"/>; a malformed one throws naming its line.</summary>
    public static IEnumerable<ApiExample> Parse(string file, string markdown)
    {
        var lines = markdown.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (ExampleFence().Match(lines[i]) is not { Success: true } fence) continue;
            var start = i + 1;
            var end = Array.FindIndex(lines, start, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new FormatException($"{file}:{start}: example block is not closed");
            yield return ParseBlock(file, start, fence.Groups["signedOut"].Success, lines[start..end]);
            i = end;
        }
    }

    private static ApiExample ParseBlock(string file, int line, bool signedOut, string[] block)
    {
        FormatException Bad(string what) => new($"{file}:{line}: {what}");
        if (block.Length == 0 || RequestLine().Match(block[0]) is not { Success: true } request) throw Bad("first line must be 'METHOD /path'");

        var at = 1;
        var headers = new List<KeyValuePair<string, string>>();
        for (; at < block.Length && HeaderLine().Match(block[at]) is { Success: true } header; at++)
            headers.Add(new(header.Groups["name"].Value, header.Groups["value"].Value));

        var body = new List<string>();
        for (; at < block.Length && block[at].Length > 0; at++) body.Add(block[at]);

        var statusAt = Array.FindIndex(block, at, l => l.Length > 0);
        if (statusAt < 0 || StatusLine().Match(block[statusAt]) is not { Success: true } status) throw Bad("expected 'HTTP/1.1 STATUS' after a blank line");
        var expected = string.Join('\n', block[(statusAt + 1)..]).Trim();

        return new ApiExample(file, line, !signedOut, request.Groups["method"].Value, request.Groups["target"].Value, headers,
            body.Count > 0 ? string.Join('\n', body) : null,
            (HttpStatusCode)int.Parse(status.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
            expected.Length > 0 ? expected : null);
    }

    [GeneratedRegex("""^```http\s+title="example(?<signedOut>, signed out)?"\s*$""")]
    private static partial Regex ExampleFence();

    [GeneratedRegex(@"^(?<method>GET|HEAD|POST|PUT|DELETE|PATCH) (?<target>/\S*)$")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9-]*): (?<value>.+)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^HTTP/1\.1 (?<status>\d{3})$")]
    private static partial Regex StatusLine();
}
