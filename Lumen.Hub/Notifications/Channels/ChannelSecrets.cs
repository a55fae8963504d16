using System.Text.Json.Nodes;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>
/// Secrets never leave the hub through the API: each set secret field reads as the Go hub's
/// mask, and a PUT that sends the mask back (the form was saved without retyping it) keeps the
/// stored secret.
/// </summary>
public static class ChannelSecrets
{
    public const string Mask = "**********";

    public static JsonObject Masked(JsonObject config, IReadOnlyList<string> secretFields)
    {
        var copy = (JsonObject)config.DeepClone();
        foreach (var field in secretFields)
            if (ChannelConfig.Text(copy, field) is not null) copy[field] = Mask;
        return copy;
    }

    /// <summary>
    /// The config to store for a PUT: each secret field that holds the mask takes the stored
    /// value, when the type has not changed (a mask means nothing for another type).
    /// </summary>
    public static JsonObject Unmasked(JsonObject incoming, NotificationChannel stored, string type, IReadOnlyList<string> secretFields)
    {
        if (stored.Type != type) return incoming;
        var merged = (JsonObject)incoming.DeepClone();
        foreach (var field in secretFields)
        {
            if (ChannelConfig.Text(merged, field) != Mask) continue;
            if (stored.Config.TryGetPropertyValue(field, out var kept) && kept is not null) merged[field] = kept.DeepClone();
            else merged.Remove(field);
        }
        return merged;
    }
}
