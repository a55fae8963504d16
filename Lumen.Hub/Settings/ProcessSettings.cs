using System.Globalization;
using System.Text.RegularExpressions;

namespace Lumen.Hub.Settings;

/// <summary>How the agents list their busiest processes: <c>mem</c> by resident memory (the Go hub's <c>rss</c>).</summary>
public enum ProcessSortOrder
{
    Cpu,
    Mem,
}

/// <summary>
/// What the agents are asked to do about processes (design §4, the Go hub's <c>processes.*</c>):
/// off by default; when on, the top <see cref="TopN"/> by CPU or memory, command lines redacted
/// by the agent's own rules plus <see cref="RedactRegex"/> (empty: none).
/// </summary>
public sealed record ProcessSettings(bool Enabled, int TopN, ProcessSortOrder SortBy, string RedactRegex)
{
    public static ProcessSettings Default { get; } = new(false, 10, ProcessSortOrder.Cpu, "");

    /// <summary>From the stored text of each key (<see cref="TextSettingDefinitions"/>), already checked.</summary>
    public static ProcessSettings From(IReadOnlyDictionary<string, string> texts) => new(
        texts[TextSettingDefinitions.ProcessesEnabled.Key] == "true",
        int.Parse(texts[TextSettingDefinitions.ProcessesTopN.Key], CultureInfo.InvariantCulture),
        texts[TextSettingDefinitions.ProcessesSortBy.Key] == "mem" ? ProcessSortOrder.Mem : ProcessSortOrder.Cpu,
        texts[TextSettingDefinitions.ProcessesRedactRegex.Key]);

    /// <summary>The word the agent policy uses: the Go hub's <c>rss</c> for memory, so a Go agent sorts the same.</summary>
    public string PolicySortBy => SortBy == ProcessSortOrder.Mem ? "rss" : "cpu";
}

/// <summary>The JSON type a text setting takes in <c>/api/settings</c>.</summary>
public enum TextSettingKind
{
    Flag,
    Integer,
    Text,
}

/// <summary>
/// A runtime setting that is not a duration: kept as canonical text (<c>"true"</c>, <c>"10"</c>,
/// <c>"mem"</c>), shown in the API as a JSON boolean, number or string.
/// </summary>
/// <param name="Normalize">the canonical text of a value, or null with the reason it is refused.</param>
public sealed record TextSettingDefinition(string Key, string EnvironmentVariable, string Default, TextSettingKind Kind, string Allowed, Func<string, (string? Value, string? Error)> Normalize)
{
    /// <summary>Parses and checks a value given for this setting; the error names <paramref name="source"/> and what is allowed.</summary>
    public (string Value, string? Error) Read(string text, string source)
    {
        var (value, error) = Normalize(text);
        return value is not null ? (value, null) : ("", $"{source}: {Key} must be {Allowed}{(error is null ? "" : $" ({error})")} (got '{text}')");
    }
}

/// <summary>The settings beyond durations: the processes' four.</summary>
public static class TextSettingDefinitions
{
    /// <summary>Long enough for any sane pattern, short enough that a pasted blob is refused.</summary>
    public const int MaxRedactRegexLength = 512;

    /// <summary>The options the agent builds the pattern with: linear time, so a command line cannot stall a tick.</summary>
    public const RegexOptions RedactRegexOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static readonly TextSettingDefinition ProcessesEnabled = new("processes_enabled", "LUMEN_HUB_PROCESSES_ENABLED", "false", TextSettingKind.Flag, "true or false",
        text => text.Trim().ToLowerInvariant() switch
        {
            "true" => ("true", null),
            "false" => ("false", null),
            _ => (null, null),
        });

    public static readonly TextSettingDefinition ProcessesTopN = new("processes_top_n", "LUMEN_HUB_PROCESSES_TOP_N", "10", TextSettingKind.Integer, "a whole number between 1 and 50",
        text => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 50
            ? (n.ToString(CultureInfo.InvariantCulture), null)
            : (null, null));

    /// <summary>The Go hub's <c>rss</c> is taken as <c>mem</c>.</summary>
    public static readonly TextSettingDefinition ProcessesSortBy = new("processes_sort_by", "LUMEN_HUB_PROCESSES_SORT_BY", "cpu", TextSettingKind.Text, "cpu or mem",
        text => text.Trim().ToLowerInvariant() switch
        {
            "cpu" => ("cpu", null),
            "mem" or "rss" => ("mem", null),
            _ => (null, null),
        });

    public static readonly TextSettingDefinition ProcessesRedactRegex = new("processes_redact_regex", "LUMEN_HUB_PROCESSES_REDACT_REGEX", "", TextSettingKind.Text,
        $"a regular expression of at most {MaxRedactRegexLength} characters that compiles without backreferences or lookarounds (as in Go), or empty", CheckRegex);

    public static readonly IReadOnlyList<TextSettingDefinition> All = [ProcessesEnabled, ProcessesTopN, ProcessesSortBy, ProcessesRedactRegex];

    public static TextSettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);

    public static IReadOnlyDictionary<string, string> Defaults { get; } = All.ToDictionary(d => d.Key, d => d.Default);

    /// <summary>Compiled as the agent will compile it, so a pattern the hub accepts is one every agent can use.</summary>
    private static (string?, string?) CheckRegex(string text)
    {
        if (text.Length > MaxRedactRegexLength) return (null, $"it has {text.Length} characters");
        if (text.Length == 0) return ("", null);
        try
        {
            _ = new Regex(text, RedactRegexOptions, TimeSpan.FromSeconds(1));
            return (text, null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
        catch (NotSupportedException e)
        {
            return (null, e.Message);
        }
    }
}
