using System.Text.Json;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Install;
using Lumen.Hub.Notifications.Messages;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// Decides who hears of an alert event and writes one pending delivery row per channel, in the
/// event's own transaction, before anything is sent. A fired alert goes to its rule's channels
/// (none linked: every channel) that are enabled and whose <c>min_severity</c> it reaches; its
/// resolution goes to the channels that were told it fired. Suppressed events (silence,
/// maintenance, cooldown) go nowhere. Replays add nothing: a row is unique per event, channel and kind.
/// </summary>
public sealed class DeliveryRouting(InstallOptions install) : IAlertEventFollower
{
    private const string RouteFiredSql = """
        INSERT OR IGNORE INTO notification_deliveries
            (event_id, channel_id, channel_name, channel_type, severity, kind, status, payload, created_at)
        SELECT $event, c.id, c.name, c.type, $severity, 'firing', 'pending', $payload, $now
        FROM notification_channels AS c
        WHERE c.enabled = 1
          AND (CASE c.min_severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END) <= $rank
          AND (NOT EXISTS (SELECT 1 FROM alert_rule_channels WHERE rule_id = $rule)
               OR c.id IN (SELECT channel_id FROM alert_rule_channels WHERE rule_id = $rule));
        """;

    private const string RouteResolvedSql = """
        INSERT OR IGNORE INTO notification_deliveries
            (event_id, channel_id, channel_name, channel_type, severity, kind, status, payload, created_at)
        SELECT $event, c.id, c.name, c.type, $severity, 'resolved', 'pending', $payload, $now
        FROM notification_deliveries AS fired
        JOIN notification_channels AS c ON c.id = fired.channel_id
        WHERE fired.event_id = $event AND fired.kind = 'firing' AND c.enabled = 1;
        """;

    private readonly string? _publicUrl = install.PublicUrl?.TrimEnd('/');

    public void Follow(SqliteTransaction transaction, IAlertTransition transition)
    {
        switch (transition)
        {
            case AlertFired { Suppressed: false } fired:
                Insert(transaction, RouteFiredSql, fired.EventId, fired.Key.RuleId, fired.Facts.Severity, Fired(fired), fired.At);
                break;
            case AlertResolved { Suppressed: false } resolved when Event(transaction, resolved.EventId) is { } view:
                Insert(transaction, RouteResolvedSql, resolved.EventId, view.RuleId,
                    AlertSeverities.Parse(view.Severity) ?? AlertSeverity.Warning, Resolved(view, resolved), resolved.At);
                break;
        }
    }

    private Notification Fired(AlertFired fired)
    {
        var facts = fired.Facts;
        var metric = AlertMetric.Find(facts.Metric);
        return new Notification
        {
            RuleId = fired.Key.RuleId,
            RuleName = facts.RuleName,
            Host = facts.HostName,
            Metric = facts.Metric,
            Severity = facts.Severity.Name(),
            State = "firing",
            Value = facts.Value ?? 0,
            Threshold = facts.Threshold,
            Message = facts.Message,
            Time = fired.At,
            EventId = fired.EventId,
            HostId = fired.Key.HostId,
            Subject = fired.Key.Subject,
            ValueText = Text(metric, facts.Value),
            ThresholdText = metric?.HasThreshold == true ? Text(metric, facts.Threshold) : "",
            StartedAt = fired.At,
            ResolvedAt = fired.ResolvedAtOnce ? fired.At : null,
            Url = HostPage(fired.Key.HostId),
        };
    }

    private Notification Resolved(AlertEventView view, AlertResolved resolved)
    {
        var metric = AlertMetric.Find(view.Metric);
        return new Notification
        {
            RuleId = view.RuleId,
            RuleName = view.RuleName,
            Host = view.Host,
            Metric = view.Metric,
            Severity = view.Severity,
            State = "resolved",
            Value = resolved.Value ?? 0,
            Threshold = view.Threshold,
            Message = resolved.Message,
            Time = resolved.At,
            EventId = view.Id,
            HostId = view.HostId,
            Subject = view.Subject,
            ValueText = Text(metric, resolved.Value),
            ThresholdText = metric?.HasThreshold == true ? Text(metric, view.Threshold) : "",
            StartedAt = view.StartedAt,
            ResolvedAt = resolved.At,
            Url = HostPage(view.HostId),
        };
    }

    private string? HostPage(long hostId) => _publicUrl is null ? null : $"{_publicUrl}/hosts/{hostId}";

    private static string Text(AlertMetric? metric, double? value) =>
        metric is null || value is null || metric.Unit == "" ? "" : AlertText.Value(metric, value.Value);

    private static void Insert(SqliteTransaction transaction, string sql, long eventId, long ruleId, AlertSeverity severity, Notification payload, DateTimeOffset at)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var p = command.Parameters;
        p.AddWithValue("$event", eventId);
        p.AddWithValue("$rule", ruleId);
        p.AddWithValue("$severity", severity.Name());
        p.AddWithValue("$rank", (int)severity);
        p.AddWithValue("$payload", JsonSerializer.Serialize(payload, NotificationJson.Default.Notification));
        p.AddWithValue("$now", at.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    /// <summary>The event as written so far in this transaction (its firing row and resolution).</summary>
    private static AlertEventView? Event(SqliteTransaction transaction, long id) => AlertEventStore.Find(transaction, id);
}
