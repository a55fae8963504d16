using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The <c>web_push_subscriptions</c> table: one row per (channel, endpoint), created_at in
/// unix milliseconds. A browser subscribing again to the same channel updates its row.
/// </summary>
public sealed class WebPushSubscriptionStore(LumenDatabase database, TimeProvider clock)
{
    private const string Columns = "id, channel_id, endpoint, p256dh, auth, label, created_at";

    /// <summary>
    /// Adds the subscription, or gives the row already there for this channel and endpoint
    /// the new keys and label (a browser renews its keys on the same endpoint); its id and
    /// created_at stay.
    /// </summary>
    public WebPushSubscription Upsert(long channelId, string endpoint, string p256dh, string auth, string label)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO web_push_subscriptions (channel_id, endpoint, p256dh, auth, label, created_at)
            VALUES ($channel, $endpoint, $p256dh, $auth, $label, $now)
            ON CONFLICT (channel_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, label = excluded.label
            RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$endpoint", endpoint);
        command.Parameters.AddWithValue("$p256dh", p256dh);
        command.Parameters.AddWithValue("$auth", auth);
        command.Parameters.AddWithValue("$label", label);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        return ReadAll(command).Single();
    }

    /// <summary>A channel's subscriptions, oldest first (the Go hub's order).</summary>
    public IReadOnlyList<WebPushSubscription> ListByChannel(long channelId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM web_push_subscriptions WHERE channel_id = $channel ORDER BY created_at, id;";
        command.Parameters.AddWithValue("$channel", channelId);
        return ReadAll(command);
    }

    public bool Delete(long id) => Execute("DELETE FROM web_push_subscriptions WHERE id = $value;", id) == 1;

    /// <summary>
    /// Forgets an endpoint the push service says is gone (404/410), on every channel: the
    /// browser dropped that subscription, whichever channel it was for.
    /// </summary>
    public int DeleteEndpoint(string endpoint) => Execute("DELETE FROM web_push_subscriptions WHERE endpoint = $value;", endpoint);

    /// <summary>Forgets a channel's subscriptions, for when the channel is deleted.</summary>
    public int DeleteChannel(long channelId) => Execute("DELETE FROM web_push_subscriptions WHERE channel_id = $value;", channelId);

    private int Execute(string sql, object value)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", value);
        return command.ExecuteNonQuery();
    }

    private static List<WebPushSubscription> ReadAll(SqliteCommand command)
    {
        var rows = new List<WebPushSubscription>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(new WebPushSubscription(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        return rows;
    }
}
