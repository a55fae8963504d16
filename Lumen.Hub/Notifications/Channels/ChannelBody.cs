using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Lumen.Hub.Alerts.Rules;
using Lumen.Protocol;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>Body of <c>POST /api/alerts/channels</c> and <c>PUT /api/alerts/channels/{id}</c>: the Go hub's fields.</summary>
public sealed class ChannelBody
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    /// <summary>The type's fields; missing reads as <c>{}</c>, as in the Go hub.</summary>
    public JsonObject? Config { get; set; }
    public bool? Enabled { get; set; }
    public string? MinSeverity { get; set; }
}

/// <summary>A channel as the API shows it: the Go hub's fields, with every secret replaced by the mask.</summary>
public sealed record ChannelView
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public JsonObject Config { get; init; } = [];
    public string OwnerType { get; init; } = "admin";
    public bool Enabled { get; init; }
    public string MinSeverity { get; init; } = "";
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset CreatedAt { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset UpdatedAt { get; init; }

    public static ChannelView Of(NotificationChannel channel, IReadOnlyList<string> secretFields) => new()
    {
        Id = channel.Id,
        Name = channel.Name,
        Type = channel.Type,
        Config = ChannelSecrets.Masked(channel.Config, secretFields),
        Enabled = channel.Enabled,
        MinSeverity = channel.MinSeverity.Name(),
        CreatedAt = channel.CreatedAt,
        UpdatedAt = channel.UpdatedAt,
    };
}

/// <summary>The answer of <c>POST /api/alerts/channels/{id}/test</c>.</summary>
public sealed record ChannelTestResult(bool Ok, string? Error);
