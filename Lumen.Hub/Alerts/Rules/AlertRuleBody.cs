using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>Body of <c>POST /api/alerts/rules</c> and <c>PUT /api/alerts/rules/{id}</c>: the Go hub's fields and <c>container</c>.</summary>
public sealed class AlertRuleBody
{
    public string? Name { get; set; }
    public string? Metric { get; set; }
    public string? Comparator { get; set; }
    public double? Threshold { get; set; }
    public long? ForSeconds { get; set; }
    public long? CooldownSeconds { get; set; }
    public string? Host { get; set; }
    public string? HostSelector { get; set; }
    public string? Container { get; set; }
    public string? Severity { get; set; }
    public bool? Enabled { get; set; }
    /// <summary>Omitted or null: links unchanged (none for a new rule); <c>[]</c> clears them.</summary>
    public long[]? ChannelIds { get; set; }
}

/// <summary>A rule as the API shows it, with the Go hub's field names.</summary>
public sealed record AlertRuleView
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Metric { get; init; } = "";
    public string Comparator { get; init; } = "";
    public double Threshold { get; init; }
    public long ForSeconds { get; init; }
    public long CooldownSeconds { get; init; }
    /// <summary>Null when the rule names no host (the Go hub stores NULL then).</summary>
    public string? Host { get; init; }
    public string HostSelector { get; init; } = "";
    public string Container { get; init; } = "";
    public string Severity { get; init; } = "";
    public bool Enabled { get; init; }
    public IReadOnlyList<long> ChannelIds { get; init; } = [];
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset CreatedAt { get; init; }
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset UpdatedAt { get; init; }

    public static AlertRuleView Of(AlertRule rule) => new()
    {
        Id = rule.Id, Name = rule.Name, Metric = rule.Metric.Name, Comparator = rule.Comparator == Rules.Comparator.Lt ? "lt" : "gt",
        Threshold = rule.Threshold, ForSeconds = (long)rule.For.TotalSeconds, CooldownSeconds = (long)rule.Cooldown.TotalSeconds,
        Host = rule.Host.IsEveryone ? null : rule.Host.Text, HostSelector = rule.HostSelector.Text, Container = rule.Container,
        Severity = rule.Severity.Name(), Enabled = rule.Enabled, ChannelIds = rule.ChannelIds, CreatedAt = rule.CreatedAt, UpdatedAt = rule.UpdatedAt,
    };
}
