namespace Lumen.Hub.Install;

/// <summary>
/// The agent installer served at <c>/install.sh</c>: <c>Install/install.sh</c> with
/// <c>deploy/lumen-agent.service</c> inlined, both built into the hub, so the unit an
/// installer writes is always the unit in the repository. Only the hub's address varies
/// per request, and it goes in single-quoted.
/// </summary>
public static class InstallScript
{
    public const string ScriptResource = "Lumen.Hub.Install.install.sh";
    public const string UnitResource = "Lumen.Hub.Install.lumen-agent.service";

    private const string UrlPlaceholder = "__LUMEN_HUB_URL__";
    private const string UnitPlaceholder = "__LUMEN_AGENT_UNIT__";
    private const string UnitHeredocEnd = "LUMEN_UNIT_EOF";

    private static readonly Lazy<string> Template = new(() => Compose(ReadResource(ScriptResource), ReadResource(UnitResource)));

    /// <summary>The script for a hub reached at <paramref name="hubAddress"/> (already checked by <see cref="HubAddress"/>).</summary>
    public static string Render(string hubAddress) => Template.Value.Replace(UrlPlaceholder, ShellQuote(hubAddress), StringComparison.Ordinal);

    /// <summary>One shell word whatever the text holds: single quotes, each inner quote closed, escaped and reopened.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary>Inlines the unit into the script's quoted here-document and checks the result cannot be misread.</summary>
    internal static string Compose(string script, string unit)
    {
        script = script.ReplaceLineEndings("\n");
        unit = unit.ReplaceLineEndings("\n").TrimEnd('\n');
        if (Count(script, UrlPlaceholder) != 1 || Count(script, UnitPlaceholder) != 1)
            throw new InvalidOperationException($"install.sh must hold {UrlPlaceholder} and {UnitPlaceholder} once each");
        // A line equal to the terminator would end the here-document early and run the rest as shell.
        if (unit.Split('\n').Any(line => line.Trim() == UnitHeredocEnd) || unit.Contains(UrlPlaceholder, StringComparison.Ordinal))
            throw new InvalidOperationException($"lumen-agent.service must not hold a line '{UnitHeredocEnd}' or the text {UrlPlaceholder}");
        return script.Replace(UnitPlaceholder, unit, StringComparison.Ordinal);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(InstallScript).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the hub assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
