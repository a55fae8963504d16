namespace Lumen.Agent.Configuration;

/// <summary>
/// Reads <c>agent.yaml</c>: one <c>key: value</c> per line, <c>#</c> comments, optional single
/// or double quotes. The file is flat by design, so a YAML library (and its size on every
/// host) is not needed; anything nested or malformed is refused with its line number rather
/// than half-understood.
/// </summary>
public static class FlatYaml
{
    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine).TrimEnd();
            if (line.Trim().Length == 0 || line.Trim() == "---") continue;
            if (char.IsWhiteSpace(line[0]))
                throw new FormatException($"{source}:{lineNumber}: nested values are not supported; write key: value at the start of the line");
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"{source}:{lineNumber}: expected key: value");
            var key = line[..colon].Trim();
            var value = Unquote(line[(colon + 1)..].Trim(), source, lineNumber);
            if (!values.TryAdd(key, value)) throw new FormatException($"{source}:{lineNumber}: {key} is set twice");
        }
        return values;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    private static string Unquote(string value, string source, int lineNumber)
    {
        if (value.Length == 0 || (value[0] != '"' && value[0] != '\'')) return value;
        if (value.Length < 2 || value[^1] != value[0]) throw new FormatException($"{source}:{lineNumber}: unterminated quote");
        return value[1..^1];
    }
}
