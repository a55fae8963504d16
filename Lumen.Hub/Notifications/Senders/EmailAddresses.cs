using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// The email channel's address fields, checked as loosely as the Go hub does (a local part and
/// a domain around the last <c>@</c>, no spaces): the SMTP server is the judge of the rest.
/// </summary>
public static class EmailAddresses
{
    public static bool IsAddress(string text)
    {
        var at = text.LastIndexOf('@');
        return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace) && !text.Any(char.IsControl) && !text.Contains(',');
    }

    /// <summary>A comma-separated list's addresses, trimmed.</summary>
    public static IReadOnlyList<string> Split(string list) => list.Split(',').Select(piece => piece.Trim()).ToList();

    public static string? CheckOne(JsonObject config, string field) => ChannelConfig.Text(config, field) switch
    {
        null => $"config.{field}: is required",
        var address when !IsAddress(address) => $"config.{field}: must be an email address such as lumen@example.com",
        _ => null,
    };

    public static string? CheckList(JsonObject config, string field, int max)
    {
        if (ChannelConfig.Text(config, field) is not { } list) return $"config.{field}: is required";
        var addresses = Split(list);
        if (addresses.Any(address => address.Length == 0)) return $"config.{field}: has an empty address (a comma too many?)";
        if (addresses.Count > max) return $"config.{field}: at most {max} addresses";
        return addresses.FirstOrDefault(address => !IsAddress(address)) is { } bad ? $"config.{field}: '{bad}' is not an email address" : null;
    }
}
