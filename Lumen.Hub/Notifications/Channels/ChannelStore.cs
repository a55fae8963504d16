using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>The <c>notification_channels</c> table: config kept as the JSON text of an object, secrets in clear (the file is the hub's).</summary>
public sealed class ChannelStore(LumenDatabase database, TimeProvider clock)
{
    private const string Columns = "id, name, type, config, enabled, min_severity, created_at, updated_at";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Every channel, newest first (as the Go hub lists them).</summary>
    public IReadOnlyList<NotificationChannel> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM notification_channels ORDER BY id DESC;";
        using var reader = command.ExecuteReader();
        var channels = new List<NotificationChannel>();
        while (reader.Read()) channels.Add(Read(reader));
        return channels;
    }

    public NotificationChannel? Find(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM notification_channels WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public NotificationChannel Create(NotificationChannel channel)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO notification_channels (name, type, config, owner_type, enabled, min_severity, created_at, updated_at)
            VALUES ($name, $type, $config, 'admin', $enabled, $severity, $now, $now)
            RETURNING id;
            """;
        var now = Now;
        Bind(command, channel, now);
        var id = (long)command.ExecuteScalar()!;
        return channel with { Id = id, CreatedAt = now, UpdatedAt = now };
    }

    /// <returns>false when there is no such channel.</returns>
    public bool Update(NotificationChannel channel)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notification_channels SET name = $name, type = $type, config = $config, enabled = $enabled,
                min_severity = $severity, updated_at = $now
            WHERE id = $id;
            """;
        Bind(command, channel, Now);
        command.Parameters.AddWithValue("$id", channel.Id);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Deletes the channel, its links from rules and its browser subscriptions; its delivery
    /// rows stay as history, and the ones not yet sent are dropped by its sender.
    /// </summary>
    /// <returns>false when there was no such channel.</returns>
    public bool Delete(long id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM alert_rule_channels WHERE channel_id = $id;
            DELETE FROM web_push_subscriptions WHERE channel_id = $id;
            DELETE FROM notification_channels WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        using var changed = connection.CreateCommand();
        changed.Transaction = transaction;
        changed.CommandText = "SELECT changes();";
        var deleted = (long)changed.ExecuteScalar()! > 0;
        transaction.Commit();
        return deleted;
    }

    private static void Bind(SqliteCommand command, NotificationChannel channel, DateTimeOffset now)
    {
        var p = command.Parameters;
        p.AddWithValue("$name", channel.Name);
        p.AddWithValue("$type", channel.Type);
        p.AddWithValue("$config", channel.Config.ToJsonString());
        p.AddWithValue("$enabled", channel.Enabled ? 1 : 0);
        p.AddWithValue("$severity", channel.MinSeverity.Name());
        p.AddWithValue("$now", now.ToUnixTimeMilliseconds());
    }

    private static NotificationChannel Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        ParseConfig(reader.GetString(3)),
        reader.GetInt64(4) != 0,
        AlertSeverities.Parse(reader.GetString(5)) ?? AlertSeverity.Info,
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));

    /// <summary>A config that is not a JSON object (an imported file) reads as empty: its sender then reports the missing fields.</summary>
    private static JsonObject ParseConfig(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
