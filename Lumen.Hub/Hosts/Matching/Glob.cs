namespace Lumen.Hub.Hosts.Matching;

/// <summary>
/// Shell-style wildcards as Go's <c>path.Match</c> has them, for host and container names:
/// <c>*</c> any run of characters, <c>?</c> one character, <c>[abc]</c>, <c>[a-z]</c> and
/// <c>[!…]</c> or <c>[^…]</c> a class, <c>\x</c> the character x itself. Names hold no '/',
/// so '*' needs no special case for it.
/// </summary>
public static class Glob
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    /// <returns>null when the pattern is well formed, otherwise what is wrong with it.</returns>
    public static string? Check(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    if (++i >= pattern.Length) return "ends with a lone '\\'";
                    break;
                case '[':
                    if (ClassEnd(pattern, i) < 0) return "has a '[' without its ']'";
                    i = ClassEnd(pattern, i);
                    break;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="name"/> matches the whole of <paramref name="pattern"/> (checked well formed).</summary>
    public static bool Matches(string pattern, string name) => Match(pattern, 0, name, 0);

    private static bool Match(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    // Collapse runs of '*', then try every split of the rest of the name.
                    while (p < pattern.Length && pattern[p] == '*') p++;
                    if (p == pattern.Length) return true;
                    for (var i = n; i <= name.Length; i++)
                        if (Match(pattern, p, name, i)) return true;
                    return false;
                case '?':
                    if (n >= name.Length) return false;
                    p++;
                    n++;
                    break;
                case '[':
                    var end = ClassEnd(pattern, p);
                    if (n >= name.Length || !InClass(pattern, p + 1, end, name[n])) return false;
                    p = end + 1;
                    n++;
                    break;
                case '\\':
                    if (n >= name.Length || name[n] != pattern[p + 1]) return false;
                    p += 2;
                    n++;
                    break;
                default:
                    if (n >= name.Length || name[n] != pattern[p]) return false;
                    p++;
                    n++;
                    break;
            }
        }
        return n == name.Length;
    }

    /// <summary>The index of the ']' closing the class that opens at <paramref name="open"/>, or -1.</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^') i++;
        // A ']' right after the opening (or its negation) is a member, not the end.
        if (i < pattern.Length && pattern[i] == ']') i++;
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++;
            else if (pattern[i] == ']') return i;
        }
        return -1;
    }

    private static bool InClass(string pattern, int from, int end, char c)
    {
        var negated = pattern[from] is '!' or '^';
        if (negated) from++;
        var found = false;
        for (var i = from; i < end; i++)
        {
            var low = pattern[i] == '\\' ? pattern[++i] : pattern[i];
            var high = low;
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                high = pattern[i + 2] == '\\' ? pattern[i + 3] : pattern[i + 2];
                i += pattern[i + 2] == '\\' ? 3 : 2;
            }
            if (c >= low && c <= high) found = true;
        }
        return found != negated;
    }
}
