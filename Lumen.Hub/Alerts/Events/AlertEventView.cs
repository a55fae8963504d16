using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Alerts.Events;

/// <summary>
/// One alert event as the API and the live stream show it: the Go hub's fields (<c>id,
/// rule_id, rule_name, host, metric, severity, state, value, message, started_at,
/// resolved_at</c>) and this hub's (<c>host_id, subject, threshold, suppressed, resolved_message</c>).
/// </summary>
public sealed record AlertEventView
{
    public long Id { get; init; }
    public long RuleId { get; init; }
    public string RuleName { get; init; } = "";
    public long HostId { get; init; }
    public string Host { get; init; } = "";
    /// <summary>The container a <c>container_down</c> event is about; empty for others.</summary>
    public string Subject { get; init; } = "";
    public string Metric { get; init; } = "";
    public string Severity { get; init; } = "";
    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public string State { get; init; } = "";
    /// <summary>The value that breached (0 when there is none, as the Go hub answers).</summary>
    public double Value { get; init; }
    public double? Threshold { get; init; }
    public string Message { get; init; } = "";
    /// <summary>Recorded while the host was silenced, in maintenance or the rule cooling down: nobody was notified.</summary>
    public bool Suppressed { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset StartedAt { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>How it ended, in words; null while it fires (and for a one-off, which says all in <see cref="Message"/>).</summary>
    public string? ResolvedMessage { get; init; }
}

/// <summary>
/// An alert fired or resolved, published on the event stream once its event is in SQLite:
/// for the live stream (open dashboards update at once) and for notifications.
/// <paramref name="ResolveMessage"/> is what a resolution says (the event keeps its firing message).
/// </summary>
public sealed record AlertEventRaised(AlertEventView Event, bool Resolved, string? ResolveMessage);
