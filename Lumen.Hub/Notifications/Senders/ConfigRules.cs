using System.Globalization;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// The checks a channel's config goes through before it is stored, each answering null or one
/// error that names the field (<c>config.smtp_port: must be a whole number from 1 to 65535</c>),
/// so the API's 400 tells the user which box to fix.
/// </summary>
public static class ConfigRules
{
    /// <summary>The first problem found, or null when every check passed.</summary>
    public static string? First(params string?[] problems) => problems.FirstOrDefault(problem => problem is not null);

    public static string? Required(JsonObject config, string field) =>
        ChannelConfig.Text(config, field) is null ? $"config.{field}: is required" : null;

    public static string? HttpUrl(JsonObject config, string field) =>
        HttpSend.IsHttpUrl(ChannelConfig.Text(config, field), out _) ? null : $"config.{field}: must be an http:// or https:// address with a host";

    public static string? OptionalHttpUrl(JsonObject config, string field) =>
        ChannelConfig.Text(config, field) is null ? null : HttpUrl(config, field);

    /// <summary>An optional whole number within <paramref name="min"/>..<paramref name="max"/>; required when <paramref name="required"/>.</summary>
    public static string? WholeNumber(JsonObject config, string field, int min, int max, bool required = false)
    {
        var text = ChannelConfig.Text(config, field);
        if (text is null) return required ? $"config.{field}: is required" : null;
        return Number(text) is { } value && value >= min && value <= max ? null : $"config.{field}: must be a whole number from {min} to {max}";
    }

    /// <summary>An optional value out of a fixed set, compared without regard to case.</summary>
    public static string? OneOf(JsonObject config, string field, IReadOnlyList<string> allowed)
    {
        var text = ChannelConfig.Text(config, field);
        if (text is null || allowed.Contains(text, StringComparer.OrdinalIgnoreCase)) return null;
        return $"config.{field}: must be one of {string.Join(", ", allowed)}";
    }

    public static string? Boolean(JsonObject config, string field) =>
        ChannelConfig.Text(config, field) is null or "true" or "false" ? null : $"config.{field}: must be true or false";

    public static bool IsTrue(JsonObject config, string field) => ChannelConfig.Text(config, field) == "true";

    public static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
