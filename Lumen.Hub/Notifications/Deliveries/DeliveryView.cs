using System.Text.Json.Serialization;
using Lumen.Hub.Notifications.Messages;
using Lumen.Protocol;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// One row of the delivery log as <c>GET /api/alerts/deliveries</c> shows it: the Go hub's fields
/// (<c>payload</c> as an object rather than a string of JSON) and this hub's <c>kind</c> and <c>group_id</c>.
/// </summary>
public sealed record DeliveryView
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long ChannelId { get; init; }
    public string ChannelName { get; init; } = "";
    public string ChannelType { get; init; } = "";
    public string Severity { get; init; } = "";
    /// <summary><c>firing</c> or <c>resolved</c>: which message of the event this row carries.</summary>
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public int? HttpStatus { get; init; }
    public string? Error { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset? NextRetryAt { get; init; }
    public Notification Payload { get; init; } = new();
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset CreatedAt { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset? SentAt { get; init; }
    /// <summary>The first row of the grouped message this one went out in (storm control); null when it went alone.</summary>
    public long? GroupId { get; init; }
}

/// <summary>What the log is filtered by: the Go hub's exact-match filters and the event.</summary>
public sealed record DeliveryFilter(string? Status, long? ChannelId, string? Severity, long? EventId, int Limit);

/// <summary>The answer of <c>POST /api/alerts/deliveries/{id}/retry</c>.</summary>
public sealed record DeliveryRetried(string Status);
