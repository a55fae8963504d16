using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>
/// A place notifications go, as stored in <c>notification_channels</c>: its type's sender reads
/// <see cref="Config"/> (checked when written, secrets in clear here and masked only in the API).
/// </summary>
public sealed record NotificationChannel(
    long Id,
    string Name,
    string Type,
    JsonObject Config,
    bool Enabled,
    AlertSeverity MinSeverity,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>A config field as text (numbers as written), or null when absent or blank.</summary>
    public string? Text(string field) => ChannelConfig.Text(Config, field);
}

/// <summary>Reading a channel's JSON config: fields are strings, numbers or booleans as a user typed them.</summary>
public static class ChannelConfig
{
    public static string? Text(JsonObject config, string field)
    {
        if (!config.TryGetPropertyValue(field, out var node) || node is not JsonValue value) return null;
        var text = value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
            System.Text.Json.JsonValueKind.True => "true",
            System.Text.Json.JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
