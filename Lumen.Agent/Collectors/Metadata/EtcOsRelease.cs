namespace Lumen.Agent.Collectors.Metadata;

/// <summary>
/// Parser for os-release(5): shell-style KEY=VALUE lines. <c>/etc/os-release</c> is read, and
/// <c>/usr/lib/os-release</c> when it is missing, as the man page tells applications to.
/// </summary>
public static class EtcOsRelease
{
    public static string? ReadPrettyName(string hostRoot) =>
        (KernelFile.ReadOrNull(KernelFile.Under(hostRoot, "etc/os-release"))
            ?? KernelFile.ReadOrNull(KernelFile.Under(hostRoot, "usr/lib/os-release"))) is { } text
            ? ParsePrettyName(text)
            : null;

    /// <summary>PRETTY_NAME; else NAME and VERSION; else "Linux", the documented default.</summary>
    public static string ParsePrettyName(string text)
    {
        var values = Parse(text);
        if (values.TryGetValue("PRETTY_NAME", out var pretty) && pretty.Length > 0) return pretty;
        var name = values.GetValueOrDefault("NAME", "Linux");
        return values.TryGetValue("VERSION", out var version) ? $"{name} {version}" : name;
    }

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0) continue;
            values[line[..equals]] = Unquote(line[(equals + 1)..]);
        }
        return values;
    }

    /// <summary>"Debian \"x\"" → Debian "x"; 'single' quotes take everything literally.</summary>
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1];
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value;
        var inner = value[1..^1];
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length && "\"\\$`".Contains(inner[i + 1])) i++;
            result.Append(inner[i]);
        }
        return result.ToString();
    }
}
