using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>Checks a channel body whole, before anything is written: the first problem, naming its field.</summary>
public static class ChannelCheck
{
    public const int NameLimit = 128;

    /// <summary>The Go hub's digest windows: accepted so its configs import, and ignored (storm control groups instead).</summary>
    private static readonly string[] DigestWindows = ["", "0", "1m", "5m", "15m", "1h"];

    /// <param name="stored">the channel a PUT replaces, whose secrets a mask keeps; null for a POST.</param>
    public static (NotificationChannel? Channel, string? Error) Check(ChannelBody body, NotificationChannel? stored, NotificationSenders senders)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length == 0) return (null, "name: is required");
        if (name.Length > NameLimit) return (null, $"name: at most {NameLimit} characters");
        var type = body.Type?.Trim() ?? "";
        if (senders.Find(type) is not { } sender)
            return (null, $"type: '{type}' is not a channel type; one of {string.Join(", ", senders.Types)}");
        var severity = AlertSeverity.Info;
        if (!string.IsNullOrEmpty(body.MinSeverity))
        {
            if (AlertSeverities.Parse(body.MinSeverity) is not { } parsed)
                return (null, $"min_severity: '{body.MinSeverity}' is not info, warning or critical");
            severity = parsed;
        }

        var config = body.Config ?? [];
        if (stored is not null) config = ChannelSecrets.Unmasked(config, stored, type, sender.SecretFields);
        if (config.TryGetPropertyValue("digest_window", out var digest) &&
            (digest is not JsonValue value || !value.TryGetValue<string>(out var window) || !DigestWindows.Contains(window)))
            return (null, "config.digest_window: one of \"\", \"0\", \"1m\", \"5m\", \"15m\", \"1h\"");
        foreach (var field in sender.SecretFields)
            if (ChannelConfig.Text(config, field) == ChannelSecrets.Mask)
                return (null, $"config.{field}: the mask stands for a stored secret, and this channel has none to keep; type the secret");
        if (sender.CheckConfig(config) is { } invalid) return (null, invalid);

        var now = DateTimeOffset.UtcNow;
        return (new NotificationChannel(stored?.Id ?? 0, name, type, config, body.Enabled ?? true, severity, stored?.CreatedAt ?? now, now), null);
    }
}
