using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Notifications.Messages;

/// <summary>
/// One alert event told to people: stored as the delivery's <c>payload</c> when the event is
/// written and sent as it was stored (a retry after a restart says the same). The Go hub's
/// fields (<c>rule_id, rule_name, host, metric, severity, state, value, threshold, message,
/// time</c>; also the generic webhook's body) and this hub's.
/// </summary>
public sealed record Notification
{
    public long RuleId { get; init; }
    public string RuleName { get; init; } = "";
    public string Host { get; init; } = "";
    public string Metric { get; init; } = "";
    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = "";
    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public string State { get; init; } = "";
    public double Value { get; init; }
    public double? Threshold { get; init; }
    /// <summary>
    /// What happened, in words: for a firing alert the event's message
    /// (<c>CPU 93 % &gt; 80 % for 1 min</c>), for a resolved one how it ended
    /// (<c>CPU back to 41 % (below 80 %) after 12 min</c>).
    /// </summary>
    public string Message { get; init; } = "";
    /// <summary>When this happened: the firing's start, or the resolution.</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Time { get; init; }

    public long EventId { get; init; }
    public long HostId { get; init; }
    /// <summary>The container a <c>container_down</c> event is about; empty for others.</summary>
    public string Subject { get; init; } = "";
    /// <summary>The value as people read it (<c>93.2 %</c>, <c>12.5 MiB/s</c>); empty when the metric has none.</summary>
    public string ValueText { get; init; } = "";
    /// <summary>The threshold as people read it; empty when the metric has none.</summary>
    public string ThresholdText { get; init; } = "";
    /// <summary>When the alert began firing.</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>When it ended; null while it fires.</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>The host's page on the dashboard, when <c>LUMEN_HUB_PUBLIC_URL</c> is set; else null.</summary>
    public string? Url { get; init; }

    public bool IsResolved => State == "resolved";
}
