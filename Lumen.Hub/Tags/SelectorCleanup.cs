using Lumen.Hub.Hosts.Matching;

namespace Lumen.Hub.Tags;

/// <summary>
/// How deleting a tag, or one of its values, reaches an alert rule's <c>host_selector</c>: the
/// pair goes and the rest is written back in canonical form (<see cref="TagSelector.Text"/>),
/// as the Go hub does. A rule left with no pair selects by its host pattern alone, or every
/// host, which the delete's impact (counted before) warns of.
/// </summary>
public static class SelectorCleanup
{
    /// <summary>Whether the selector names <paramref name="key"/> (with <paramref name="value"/>, when one is given).</summary>
    public static bool Uses(TagSelector selector, string key, string? value) =>
        selector.Pairs.TryGetValue(key, out var actual) && (value is null || actual == value);

    /// <summary>
    /// The selector without the pair, canonical; null when it does not use the pair, or cannot
    /// be parsed (left for its owner to fix: this hub never wrote it).
    /// </summary>
    public static string? Without(string selectorText, string key, string? value)
    {
        if (TagSelector.Parse(selectorText).Selector is not { } selector || !Uses(selector, key, value)) return null;
        var rest = selector.Pairs.Where(pair => pair.Key != key).Select(pair => $"{pair.Key}={pair.Value}");
        return TagSelector.Parse(string.Join(",", rest)).Selector!.Text;
    }
}
