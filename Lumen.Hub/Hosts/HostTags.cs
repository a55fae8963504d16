using System.Text.Json;

namespace Lumen.Hub.Hosts;

/// <summary>
/// The rules for a host's key/value tags (what the dashboard filters by): keys
/// <c>[A-Za-z0-9._-]{1,64}</c>, values up to 128 characters without <c>=</c> or <c>,</c>, so a
/// tag always prints and parses back as <c>key=value,key=value</c>; at most 32 per host.
/// </summary>
public static class HostTags
{
    public const int MaxTags = 32;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 128;

    /// <returns>null when the set is valid, otherwise what is wrong with which tag.</returns>
    public static string? Validate(IReadOnlyDictionary<string, string?> tags)
    {
        if (tags.Count > MaxTags) return $"a host has at most {MaxTags} tags; got {tags.Count}";
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxKeyLength) return $"tag key '{Shorten(key)}' must be 1 to {MaxKeyLength} characters";
            foreach (var c in key)
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
                    return $"tag key '{Shorten(key)}' may only hold letters, digits, '.', '_' and '-'";
            if (value is null) return $"tag '{key}' needs a string value";
            if (value.Length > MaxValueLength) return $"tag '{key}' value is longer than {MaxValueLength} characters";
            if (value.AsSpan().IndexOfAny('=', ',') >= 0) return $"tag '{key}' value may not contain '=' or ','";
            if (value.Any(char.IsControl)) return $"tag '{key}' value may not contain control characters";
        }
        return null;
    }

    public static IReadOnlyDictionary<string, string> FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, HostTagsJsonContext.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    public static string ToJson(IReadOnlyDictionary<string, string> tags) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(tags.ToDictionary(), StringComparer.Ordinal).ToDictionary(), HostTagsJsonContext.Default.DictionaryStringString);

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HostTagsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
