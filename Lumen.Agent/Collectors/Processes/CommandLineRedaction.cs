using System.Text;
using System.Text.RegularExpressions;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// Hides secrets in command lines before they leave the machine. Built in, as plain string
/// code: the value of any <c>key=value</c> whose key names a secret (<c>password=</c>,
/// <c>token=</c>, anything with <c>secret</c>; also inside a longer argument such as a query
/// string), the argument after a flag that names one (<c>--password x</c>, <c>--token x</c>,
/// <c>--key x</c>), and the password of a URL (<c>postgres://user:***@db</c>). Then the hub's
/// pattern, if it set one: every match becomes <c>***</c>.
/// </summary>
public sealed class CommandLineRedaction
{
    public const string Mask = "***";

    /// <summary>A pattern that takes longer than this on one command line (it cannot, being linear; the bound is a second guard) hides the whole line.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(50);

    private static readonly string[] SecretWords = ["password", "passwd", "token", "secret", "apikey", "api_key", "api-key", "credential"];

    private readonly Regex? _pattern;
    private readonly bool _hideAll;

    /// <param name="pattern">the hub's <c>processes_redact_regex</c>, built by <see cref="TryBuild"/>; null for the built-in rules alone.</param>
    public CommandLineRedaction(Regex? pattern = null) => _pattern = pattern;

    private CommandLineRedaction(bool hideAll) => _hideAll = hideAll;

    /// <summary>For a hub pattern this agent cannot build: no command line is sent rather than one the pattern was meant to hide.</summary>
    public static CommandLineRedaction HideAll { get; } = new(hideAll: true);

    /// <summary>
    /// The hub's pattern as this agent runs it: linear time (no backtracking), as Go's RE2 does,
    /// so the hub can check a pattern exactly as every agent will build it.
    /// </summary>
    /// <returns>null, and why, when the pattern does not compile here.</returns>
    public static (Regex? Pattern, string? Error) TryBuild(string pattern)
    {
        try
        {
            return (new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, PatternTimeout), null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return (null, e.Message);
        }
    }

    public string Redact(string commandLine)
    {
        if (_hideAll || commandLine.Length == 0) return "";
        var redacted = BuiltIn(commandLine);
        if (_pattern is null) return redacted;
        try
        {
            return _pattern.Replace(redacted, Mask);
        }
        catch (RegexMatchTimeoutException)
        {
            return Mask;
        }
    }

    private static string BuiltIn(string commandLine)
    {
        var arguments = commandLine.Split(' ');
        var hideNext = false;
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument.Length == 0) continue;
            if (hideNext)
            {
                arguments[i] = Mask;
                hideNext = false;
                continue;
            }
            if (argument.Contains('=')) arguments[i] = HideValues(argument);
            else if (argument[0] == '-' && NamesSecret(argument.AsSpan().TrimStart('-'))) hideNext = true;
            if (arguments[i].Contains("://", StringComparison.Ordinal)) arguments[i] = HideUrlPassword(arguments[i]);
        }
        return string.Join(' ', arguments);
    }

    /// <summary>
    /// <c>--db-password=x</c> → <c>--db-password=***</c>; inside an argument
    /// (<c>…?user=a&amp;token=x&amp;b=1</c>) the value ends at <c>&amp;</c>, <c>,</c> or <c>;</c>.
    /// </summary>
    private static string HideValues(string argument)
    {
        var first = argument.IndexOf('=');
        if (NamesSecret(argument.AsSpan(0, first).TrimStart('-'))) return argument[..(first + 1)] + Mask;

        StringBuilder? built = null;
        var copied = 0;
        for (var at = argument.IndexOf('=', first + 1); at >= 0; at = argument.IndexOf('=', at + 1))
        {
            var keyStart = at;
            while (keyStart > 0 && IsKeyChar(argument[keyStart - 1])) keyStart--;
            if (!NamesSecret(argument.AsSpan(keyStart, at - keyStart))) continue;
            var end = argument.IndexOfAny(['&', ',', ';'], at + 1);
            if (end < 0) end = argument.Length;
            built ??= new StringBuilder(argument.Length);
            built.Append(argument, copied, at + 1 - copied).Append(Mask);
            copied = end;
            at = end - 1;
            if (end == argument.Length) break;
        }
        if (built is null) return argument;
        return built.Append(argument, copied, argument.Length - copied).ToString();
    }

    /// <summary><c>scheme://user:password@host</c> → <c>scheme://user:***@host</c>.</summary>
    private static string HideUrlPassword(string argument)
    {
        var scheme = argument.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme + 3;
        var slash = argument.IndexOf('/', hostStart);
        var authority = slash < 0 ? argument[hostStart..] : argument[hostStart..slash];
        var at = authority.LastIndexOf('@');
        if (at < 0) return argument;
        var colon = authority.IndexOf(':');
        if (colon < 0 || colon > at) return argument;
        return argument[..(hostStart + colon + 1)] + Mask + argument[(hostStart + at)..];
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool NamesSecret(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty) return false;
        foreach (var word in SecretWords)
            if (key.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        return key.Equals("key", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("-key", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("_key", StringComparison.OrdinalIgnoreCase);
    }
}
