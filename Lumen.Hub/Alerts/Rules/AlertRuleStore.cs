using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>The <c>alert_rules</c> table and the rules' channel links.</summary>
public sealed class AlertRuleStore(LumenDatabase database, TimeProvider clock)
{
    private const string Columns = "id, name, metric, comparator, threshold, for_seconds, cooldown_seconds, host, host_selector, container, severity, enabled, created_at, updated_at";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Every rule, newest first (as the Go hub lists them).</summary>
    public IReadOnlyList<AlertRule> List()
    {
        using var connection = database.Open();
        var links = Links(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alert_rules ORDER BY id DESC;";
        using var reader = command.ExecuteReader();
        var rules = new List<AlertRule>();
        while (reader.Read())
            if (Read(reader, links) is { } rule) rules.Add(rule);
        return rules;
    }

    public AlertRule? Find(long id) => List().FirstOrDefault(rule => rule.Id == id);

    /// <returns>the rule with its id and times.</returns>
    public AlertRule Create(AlertRule rule)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, transaction, """
            INSERT INTO alert_rules (name, metric, comparator, threshold, for_seconds, cooldown_seconds, host, host_selector, container, severity, enabled, created_at, updated_at)
            VALUES ($name, $metric, $comparator, $threshold, $for, $cooldown, $host, $selector, $container, $severity, $enabled, $now, $now)
            RETURNING id;
            """, rule);
        var id = (long)command.ExecuteScalar()!;
        SetLinks(connection, transaction, id, rule.ChannelIds);
        transaction.Commit();
        return rule with { Id = id };
    }

    /// <param name="channelIds">null keeps the links as they are.</param>
    /// <returns>false when there is no such rule.</returns>
    public bool Update(AlertRule rule, IReadOnlyList<long>? channelIds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, transaction, """
            UPDATE alert_rules SET name = $name, metric = $metric, comparator = $comparator, threshold = $threshold, for_seconds = $for,
                cooldown_seconds = $cooldown, host = $host, host_selector = $selector, container = $container, severity = $severity,
                enabled = $enabled, updated_at = $now
            WHERE id = $id;
            """, rule);
        command.Parameters.AddWithValue("$id", rule.Id);
        if (command.ExecuteNonQuery() == 0) return false;
        if (channelIds is not null) SetLinks(connection, transaction, rule.Id, channelIds);
        transaction.Commit();
        return true;
    }

    /// <returns>false when there was no such rule.</returns>
    public bool Delete(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM alert_rule_channels WHERE rule_id = $id; DELETE FROM alert_rules WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Which of these channel ids exist. No channel exists until the notifications' table does.</summary>
    public IReadOnlySet<long> ExistingChannels(IReadOnlyList<long> ids)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'notification_channels';";
        if ((long)command.ExecuteScalar()! == 0) return new HashSet<long>();
        command.CommandText = $"SELECT id FROM notification_channels WHERE id IN ({string.Join(",", ids)});";
        using var reader = command.ExecuteReader();
        var found = new HashSet<long>();
        while (reader.Read()) found.Add(reader.GetInt64(0));
        return found;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, AlertRule rule)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var p = command.Parameters;
        p.AddWithValue("$name", rule.Name);
        p.AddWithValue("$metric", rule.Metric.Name);
        p.AddWithValue("$comparator", rule.Comparator == Comparator.Lt ? "lt" : "gt");
        p.AddWithValue("$threshold", rule.Threshold);
        p.AddWithValue("$for", (long)rule.For.TotalSeconds);
        p.AddWithValue("$cooldown", (long)rule.Cooldown.TotalSeconds);
        p.AddWithValue("$host", rule.Host.IsEveryone ? DBNull.Value : rule.Host.Text);
        p.AddWithValue("$selector", rule.HostSelector.Text);
        p.AddWithValue("$container", rule.Container);
        p.AddWithValue("$severity", rule.Severity.Name());
        p.AddWithValue("$enabled", rule.Enabled ? 1 : 0);
        p.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        return command;
    }

    private static void SetLinks(SqliteConnection connection, SqliteTransaction transaction, long ruleId, IReadOnlyList<long> channelIds)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM alert_rule_channels WHERE rule_id = $rule;";
        command.Parameters.AddWithValue("$rule", ruleId);
        command.ExecuteNonQuery();
        command.CommandText = "INSERT OR IGNORE INTO alert_rule_channels (rule_id, channel_id) VALUES ($rule, $channel);";
        var channel = command.Parameters.Add("$channel", SqliteType.Integer);
        foreach (var id in channelIds)
        {
            channel.Value = id;
            command.ExecuteNonQuery();
        }
    }

    private static Dictionary<long, List<long>> Links(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rule_id, channel_id FROM alert_rule_channels ORDER BY rule_id, channel_id;";
        using var reader = command.ExecuteReader();
        var links = new Dictionary<long, List<long>>();
        while (reader.Read())
        {
            if (!links.TryGetValue(reader.GetInt64(0), out var list)) links[reader.GetInt64(0)] = list = [];
            list.Add(reader.GetInt64(1));
        }
        return links;
    }

    /// <returns>the rule, or null for a row this hub cannot read (a metric it does not know, say): it is skipped, not guessed.</returns>
    private static AlertRule? Read(SqliteDataReader reader, Dictionary<long, List<long>> links)
    {
        var id = reader.GetInt64(0);
        if (AlertMetric.Find(reader.GetString(2)) is not { } metric) return null;
        if (HostPattern.Parse(reader.IsDBNull(7) ? null : reader.GetString(7)).Pattern is not { } host) return null;
        if (TagSelector.Parse(reader.GetString(8)).Selector is not { } selector) return null;
        return new AlertRule(id, reader.GetString(1), metric, reader.GetString(3) == "lt" ? Comparator.Lt : Comparator.Gt,
            reader.GetDouble(4), TimeSpan.FromSeconds(reader.GetInt64(5)), TimeSpan.FromSeconds(reader.GetInt64(6)), host, selector,
            reader.GetString(9), AlertSeverities.Parse(reader.GetString(10)) ?? AlertSeverity.Warning, reader.GetInt64(11) != 0,
            links.TryGetValue(id, out var channels) ? channels : [],
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)));
    }
}
