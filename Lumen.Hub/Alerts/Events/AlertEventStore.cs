using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Alerts.Events;

/// <summary>
/// The <c>alert_events</c> table: written from the alert journal (each recorded transition,
/// idempotently, so replaying the journal after a crash writes nothing twice) and read by the
/// events API.
/// Whatever follows the events (the notifications' delivery rows) is written by its
/// <see cref="IAlertEventFollower"/> in the same transaction, so it is there exactly when the event is.
/// </summary>
public sealed class AlertEventStore(LumenDatabase database, IEnumerable<IAlertEventFollower> followers)
{
    private readonly IAlertEventFollower[] _followers = followers.ToArray();

    public AlertEventStore(LumenDatabase database) : this(database, [])
    {
    }

    private const string InsertSql = """
        INSERT OR IGNORE INTO alert_events
            (id, rule_id, rule_name, host_id, host, subject, metric, severity, state, value, threshold, message, suppressed, started_at, resolved_at)
        VALUES ($id, $rule, $rule_name, $host_id, $host, $subject, $metric, $severity, $state, $value, $threshold, $message, $suppressed, $started, $resolved);
        """;

    private const string ResolveSql = "UPDATE alert_events SET state = 'resolved', resolved_at = $at, resolved_message = $message WHERE id = $id AND state = 'firing';";

    private const string Columns = "id, rule_id, rule_name, host_id, host, subject, metric, severity, state, value, threshold, message, suppressed, started_at, resolved_at, resolved_message";

    public long MaxEventId()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM alert_events;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Writes the events of recorded transitions in one transaction; what is there already stays as it is.</summary>
    public void Record(IReadOnlyList<IAlertTransition> recorded)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var transition in recorded)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            switch (transition)
            {
                case AlertFired fired:
                    Bind(command, fired);
                    break;
                case AlertResolved resolved:
                    command.CommandText = ResolveSql;
                    command.Parameters.AddWithValue("$id", resolved.EventId);
                    command.Parameters.AddWithValue("$at", resolved.At.ToUnixTimeMilliseconds());
                    command.Parameters.AddWithValue("$message", resolved.Message);
                    break;
                default:
                    continue;
            }
            command.ExecuteNonQuery();
            foreach (var follower in _followers) follower.Follow(transaction, transition);
        }
        transaction.Commit();
    }

    private static void Bind(SqliteCommand command, AlertFired fired)
    {
        var facts = fired.Facts;
        command.CommandText = InsertSql;
        var p = command.Parameters;
        p.AddWithValue("$id", fired.EventId);
        p.AddWithValue("$rule", fired.Key.RuleId);
        p.AddWithValue("$rule_name", facts.RuleName);
        p.AddWithValue("$host_id", fired.Key.HostId);
        p.AddWithValue("$host", facts.HostName);
        p.AddWithValue("$subject", fired.Key.Subject);
        p.AddWithValue("$metric", facts.Metric);
        p.AddWithValue("$severity", facts.Severity.Name());
        p.AddWithValue("$state", fired.ResolvedAtOnce ? "resolved" : "firing");
        p.AddWithValue("$value", (object?)facts.Value ?? DBNull.Value);
        p.AddWithValue("$threshold", (object?)facts.Threshold ?? DBNull.Value);
        p.AddWithValue("$message", facts.Message);
        p.AddWithValue("$suppressed", fired.Suppressed ? 1 : 0);
        p.AddWithValue("$started", fired.At.ToUnixTimeMilliseconds());
        p.AddWithValue("$resolved", fired.ResolvedAtOnce ? fired.At.ToUnixTimeMilliseconds() : DBNull.Value);
    }

    /// <summary>
    /// Events newest first: <c>firing</c> by start, <c>resolved</c> by resolution, anything
    /// else all of them by start (as the Go hub orders them); optionally one host's.
    /// </summary>
    public IReadOnlyList<AlertEventView> List(string state, int limit, long? hostId = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var where = state switch
        {
            "firing" => "WHERE state = 'firing'",
            "resolved" => "WHERE state = 'resolved'",
            _ => "WHERE 1 = 1",
        };
        if (hostId is not null) where += " AND host_id = $host";
        var order = state == "resolved" ? "resolved_at DESC, id DESC" : "started_at DESC, id DESC";
        command.CommandText = $"""
            SELECT {Columns}
            FROM alert_events {where} ORDER BY {order} LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", limit);
        if (hostId is not null) command.Parameters.AddWithValue("$host", hostId);
        using var reader = command.ExecuteReader();
        var events = new List<AlertEventView>();
        while (reader.Read()) events.Add(Read(reader));
        return events;
    }

    public AlertEventView? Find(long id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        return Find(transaction, id);
    }

    /// <summary>The event as this transaction sees it (a follower reads what it just wrote).</summary>
    public static AlertEventView? Find(SqliteTransaction transaction, long id)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM alert_events WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static AlertEventView Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        RuleId = reader.GetInt64(1),
        RuleName = reader.GetString(2),
        HostId = reader.GetInt64(3),
        Host = reader.GetString(4),
        Subject = reader.GetString(5),
        Metric = reader.GetString(6),
        Severity = reader.GetString(7),
        State = reader.GetString(8),
        Value = reader.IsDBNull(9) ? 0 : reader.GetDouble(9),
        Threshold = reader.IsDBNull(10) ? null : reader.GetDouble(10),
        Message = reader.GetString(11),
        Suppressed = reader.GetInt64(12) != 0,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        ResolvedAt = reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
        ResolvedMessage = reader.IsDBNull(15) ? null : reader.GetString(15),
    };
}
