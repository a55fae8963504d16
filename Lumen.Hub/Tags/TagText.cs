using Lumen.Hub.Hosts;

namespace Lumen.Hub.Tags;

/// <summary>
/// What the inventory accepts as a tag key, value and description, each trimmed first: keys and
/// values by a host tag's rules (<see cref="HostTags"/>), so anything listed can be put on a
/// host and written in a selector; a listed value is never empty (a bare <c>key</c> on a host
/// needs no value listed, and an empty one could not be named in a path to delete it).
/// </summary>
public static class TagText
{
    public const int MaxDescriptionLength = 256;

    /// <returns>The trimmed key, or what is wrong with it naming <c>key</c>.</returns>
    public static (string Key, string? Error) Key(string? text)
    {
        var key = text?.Trim() ?? "";
        if (key.Length == 0) return (key, $"key is required: 1 to {HostTags.MaxKeyLength} letters, digits, '.', '_' or '-'");
        return HostTags.Validate(new Dictionary<string, string?> { [key] = "" }) is { } error ? (key, $"key: {error}") : (key, null);
    }

    /// <returns>The trimmed value, or what is wrong with it naming <paramref name="field"/>.</returns>
    public static (string Value, string? Error) Value(string key, string? text, string field = "value")
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0) return (value, $"{field} must not be empty");
        return HostTags.Validate(new Dictionary<string, string?> { [key] = value }) is { } error ? (value, $"{field}: {error}") : (value, null);
    }

    public static (string Description, string? Error) Description(string? text)
    {
        var description = text?.Trim() ?? "";
        return description.Length > MaxDescriptionLength
            ? (description, $"description is longer than {MaxDescriptionLength} characters")
            : (description, null);
    }
}
