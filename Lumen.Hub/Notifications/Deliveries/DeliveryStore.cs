using System.Text.Json;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// The <c>notification_deliveries</c> table as the senders use it: the queue (rows are written by
/// <see cref="DeliveryRouting"/> with their events) and the log of every attempt's outcome.
/// </summary>
public sealed class DeliveryStore(LumenDatabase database, TimeProvider clock)
{
    private const string SeverityRank = "CASE severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// A channel's rows that may go now, most severe first, then oldest: pending, due, and not
    /// behind an earlier row of the same event still waiting (a resolution never overtakes its firing).
    /// </summary>
    public IReadOnlyList<DeliveryRow> Due(long channelId, DateTimeOffset now, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.id, d.event_id, d.channel_id, d.severity, d.kind, d.attempts, d.payload
            FROM notification_deliveries AS d
            WHERE d.channel_id = $channel AND d.status = 'pending' AND coalesce(d.next_retry_at, 0) <= $now
              AND NOT EXISTS (SELECT 1 FROM notification_deliveries AS earlier
                              WHERE earlier.channel_id = d.channel_id AND earlier.event_id = d.event_id
                                AND earlier.id < d.id AND earlier.status IN ('pending', 'inflight'))
            ORDER BY ({SeverityRank}) DESC, d.id
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<DeliveryRow>();
        while (reader.Read())
            rows.Add(new DeliveryRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), Parse(reader.GetString(6))));
        return rows;
    }

    /// <summary>When the channel's next row waiting for a retry is due; null when none waits.</summary>
    public DateTimeOffset? NextRetryAt(long channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(next_retry_at) FROM notification_deliveries WHERE channel_id = $channel AND status = 'pending';";
        command.Parameters.AddWithValue("$channel", channelId);
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>The rows are being sent, under <paramref name="groupId"/> when they go as one message.</summary>
    public void MarkInflight(IReadOnlyList<DeliveryRow> rows, long? groupId) =>
        Update(rows, "UPDATE notification_deliveries SET status = 'inflight', group_id = $group WHERE id = $id;",
            p => p.AddWithValue("$group", (object?)groupId ?? DBNull.Value));

    public void MarkSent(IReadOnlyList<DeliveryRow> rows, int? httpStatus, DateTimeOffset at) =>
        Update(rows, """
            UPDATE notification_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = $at, http_status = $status,
                error = NULL, next_retry_at = NULL
            WHERE id = $id;
            """, p =>
        {
            p.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            p.AddWithValue("$status", (object?)httpStatus ?? DBNull.Value);
        });

    /// <summary>An attempt failed: back to pending until <paramref name="retryAt"/>, or <c>failed</c> for good when it is null.</summary>
    public void MarkAttemptFailed(DeliveryRow row, string error, int? httpStatus, DateTimeOffset? retryAt) =>
        Update([row], """
            UPDATE notification_deliveries SET status = $state, attempts = attempts + 1, error = $error, http_status = $status,
                next_retry_at = $retry
            WHERE id = $id;
            """, p =>
        {
            p.AddWithValue("$state", retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending);
            p.AddWithValue("$error", error);
            p.AddWithValue("$status", (object?)httpStatus ?? DBNull.Value);
            p.AddWithValue("$retry", retryAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        });

    /// <summary>Rows left in flight by a hub that stopped mid-send go again (at least once: receivers dedupe by delivery id).</summary>
    public int RequeueInflight(long channelId) =>
        Execute("UPDATE notification_deliveries SET status = 'pending' WHERE channel_id = $channel AND status = 'inflight';",
            p => p.AddWithValue("$channel", channelId));

    /// <summary>The channel's waiting rows, dropped with the reason (a channel disabled).</summary>
    public int DropWaiting(long channelId, string reason) =>
        Execute("""
            UPDATE notification_deliveries SET status = 'dropped', error = $reason, next_retry_at = NULL
            WHERE channel_id = $channel AND status IN ('pending', 'inflight');
            """, p =>
        {
            p.AddWithValue("$channel", channelId);
            p.AddWithValue("$reason", reason);
        });

    /// <summary>Waiting rows whose channel no longer exists, dropped (the channel was deleted).</summary>
    public int DropOrphans() =>
        Execute("""
            UPDATE notification_deliveries SET status = 'dropped', error = 'channel removed', next_retry_at = NULL
            WHERE status IN ('pending', 'inflight') AND channel_id NOT IN (SELECT id FROM notification_channels);
            """);

    /// <summary>A failed or dropped row goes again from its first attempt.</summary>
    /// <returns>the row's channel, or null when there is no failed or dropped row with that id.</returns>
    public long? Retry(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_retry_at = NULL, error = NULL, http_status = NULL
            WHERE id = $id AND status IN ('failed', 'dropped')
            RETURNING channel_id;
            """;
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as long?;
    }

    private void Update(IReadOnlyList<DeliveryRow> rows, string sql, Action<SqliteParameterCollection> bind)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command.Parameters);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        foreach (var row in rows)
        {
            id.Value = row.Id;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private int Execute(string sql, Action<SqliteParameterCollection>? bind = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command.Parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A payload is what this hub wrote; one it cannot read still goes, as an alert with its raw text.</summary>
    internal static Notification Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, NotificationJson.Default.Notification) ?? new Notification { Message = payload };
        }
        catch (JsonException)
        {
            return new Notification { Message = payload, State = "firing", Severity = "warning" };
        }
    }
}
