using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Notification channels, alert rules and the links between them, in one transaction. Rules are
/// checked by this hub's own <see cref="AlertRuleCheck"/>. Neither has a natural key, so a
/// channel is the same one when its name, type and config are, and a rule when every field it
/// is judged by (name, metric, comparator, threshold, for, cooldown, host, selector, severity)
/// is: a second run finds them and adds nothing.
/// </summary>
internal static class AlertImport
{
    public static void Run(SqliteConnection connection, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var now = options.Clock.GetUtcNow();
        using var target = new TargetTransaction(connection);
        var channels = ImportChannels(target, go.Channels, now.ToUnixTimeMilliseconds(), tally);
        var rules = ImportRules(target, go.Rules, now, tally);
        ImportLinks(target, go, rules, channels, tally);
        target.Commit();
    }

    private static Dictionary<long, long> ImportChannels(TargetTransaction target, IReadOnlyList<GoChannel> channels, long now, GoImportTally tally)
    {
        var mapped = new Dictionary<long, long>();
        long imported = 0, already = 0, skipped = 0;
        foreach (var channel in channels)
        {
            if (ChannelProblem(channel) is { } problem)
            {
                skipped++;
                tally.Note($"notification_channels: '{channel.Name}' left out: {problem}");
                continue;
            }
            var config = JsonNode.Parse(channel.Config)!.ToJsonString();
            var found = target.Scalar("SELECT id FROM notification_channels WHERE name = $name AND type = $type AND config = $config ORDER BY id LIMIT 1;",
                ("$name", channel.Name.Trim()), ("$type", channel.Type), ("$config", config));
            if (found is long id) already++;
            else
            {
                id = (long)target.Scalar("""
                    INSERT INTO notification_channels (name, type, config, owner_type, enabled, min_severity, created_at, updated_at)
                    VALUES ($name, $type, $config, 'admin', $enabled, $severity, $created, $now) RETURNING id;
                    """, ("$name", channel.Name.Trim()), ("$type", channel.Type), ("$config", config), ("$enabled", channel.Enabled ? 1 : 0),
                    ("$severity", channel.MinSeverity), ("$created", channel.CreatedAtMs > 0 ? channel.CreatedAtMs : now), ("$now", now))!;
                imported++;
            }
            mapped[channel.Id] = id;
        }
        tally.Count("notification_channels", imported, already, skipped);
        return mapped;
    }

    /// <summary>What this hub's channel API would refuse in a Go channel; its per-type config is the Go hub's, already checked there.</summary>
    private static string? ChannelProblem(GoChannel channel)
    {
        if (channel.Name.Trim().Length is 0 or > ChannelCheck.NameLimit) return $"the name must be 1 to {ChannelCheck.NameLimit} characters";
        if (!ChannelTypes.All.Contains(channel.Type)) return $"'{channel.Type}' is not a channel type here";
        if (AlertSeverities.Parse(channel.MinSeverity) is null) return $"min_severity '{channel.MinSeverity}' is not info, warning or critical";
        try
        {
            return JsonNode.Parse(channel.Config) is JsonObject ? null : "its config is not a JSON object";
        }
        catch (JsonException)
        {
            return "its config is not JSON";
        }
    }

    private static Dictionary<long, long> ImportRules(TargetTransaction target, IReadOnlyList<GoRule> rules, DateTimeOffset now, GoImportTally tally)
    {
        var mapped = new Dictionary<long, long>();
        long imported = 0, already = 0, skipped = 0;
        foreach (var go in rules)
        {
            var body = new AlertRuleBody
            {
                Name = go.Name, Metric = go.Metric, Comparator = go.Comparator, Threshold = go.Threshold, ForSeconds = go.ForSeconds,
                CooldownSeconds = go.CooldownSeconds, Host = go.Host, HostSelector = go.HostSelector, Severity = go.Severity, Enabled = go.Enabled,
            };
            var created = go.CreatedAtMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(go.CreatedAtMs) : now;
            var (rule, error) = AlertRuleCheck.Check(body, 0, created, now, [], _ => new HashSet<long>());
            if (rule is null)
            {
                skipped++;
                tally.Note($"alert_rules: '{go.Name}' left out: {error}");
                continue;
            }
            var fields = Fields(rule);
            if (target.Scalar($"SELECT id FROM alert_rules WHERE {SameRule} ORDER BY id LIMIT 1;", fields) is long id) already++;
            else
            {
                id = (long)target.Scalar("""
                    INSERT INTO alert_rules (name, metric, comparator, threshold, for_seconds, cooldown_seconds, host, host_selector, severity, enabled, created_at, updated_at)
                    VALUES ($name, $metric, $comparator, $threshold, $for, $cooldown, $host, $selector, $severity, $enabled, $created, $now) RETURNING id;
                    """, [.. fields, ("$enabled", rule.Enabled ? 1 : 0), ("$created", created.ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds())])!;
                imported++;
            }
            mapped[go.Id] = id;
        }
        tally.Count("alert_rules", imported, already, skipped);
        return mapped;
    }

    private const string SameRule = """
        name = $name AND metric = $metric AND comparator = $comparator AND threshold = $threshold AND for_seconds = $for
        AND cooldown_seconds = $cooldown AND host IS $host AND host_selector = $selector AND severity = $severity
        """;

    /// <summary>A checked rule's columns as <see cref="AlertRuleStore"/> writes them.</summary>
    private static (string, object?)[] Fields(AlertRule rule) =>
    [
        ("$name", rule.Name), ("$metric", rule.Metric.Name), ("$comparator", rule.Comparator == Comparator.Lt ? "lt" : "gt"),
        ("$threshold", rule.Threshold), ("$for", (long)rule.For.TotalSeconds), ("$cooldown", (long)rule.Cooldown.TotalSeconds),
        ("$host", rule.Host.IsEveryone ? null : rule.Host.Text), ("$selector", rule.HostSelector.Text), ("$severity", rule.Severity.Name()),
    ];

    /// <summary>
    /// A rule with no links notifies every enabled channel, here as in the Go hub; a rule whose
    /// links all name channels the Go hub deleted notified none there, so it is reported.
    /// </summary>
    private static void ImportLinks(TargetTransaction target, GoContents go, Dictionary<long, long> rules, Dictionary<long, long> channels, GoImportTally tally)
    {
        long imported = 0, already = 0, skipped = 0;
        foreach (var link in go.RuleChannels)
        {
            if (!rules.TryGetValue(link.RuleId, out var rule) || !channels.TryGetValue(link.ChannelId, out var channel))
            {
                skipped++;
                continue;
            }
            if (target.Execute("INSERT OR IGNORE INTO alert_rule_channels (rule_id, channel_id) VALUES ($rule, $channel);", ("$rule", rule), ("$channel", channel)) > 0)
                imported++;
            else already++;
        }
        if (skipped > 0) tally.Note($"alert_rule_channels: {skipped} link(s) to a rule or channel not imported (or deleted in the Go hub) left out");
        foreach (var rule in go.Rules.Where(r => rules.ContainsKey(r.Id)))
        {
            var links = go.RuleChannels.Where(l => l.RuleId == rule.Id).ToList();
            if (links.Count > 0 && links.All(l => !channels.ContainsKey(l.ChannelId)))
                tally.Note($"alert_rules: '{rule.Name}' was linked only to channels not imported; with no links here it notifies every enabled channel — link it or disable it");
        }
        tally.Count("alert_rule_channels", imported, already, skipped);
    }
}
