namespace Lumen.Hub.Hosts;

/// <summary>The rule for host names: what a hostname may hold, so it is safe in URLs, logs and shells.</summary>
public static class HostName
{
    public const int MaxLength = 64;

    /// <returns>null when valid, otherwise why not.</returns>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "host name must not be empty";
        if (name.Length > MaxLength) return $"host name is {name.Length} characters long; at most {MaxLength} are allowed";
        if (!char.IsAsciiLetterOrDigit(name[0])) return "host name must start with a letter or digit";
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
                return $"host name may only hold letters, digits, '.', '-' and '_' (found '{c}')";
        return null;
    }
}
