using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>Reads <c>notification_deliveries</c> for the delivery log, newest first.</summary>
public sealed class DeliveryLog(LumenDatabase database)
{
    public IReadOnlyList<DeliveryView> List(DeliveryFilter filter)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (filter.Status is { Length: > 0 }) Add("status = $status", "$status", filter.Status);
        if (filter.ChannelId is { } channel) Add("channel_id = $channel", "$channel", channel);
        if (filter.Severity is { Length: > 0 }) Add("severity = $severity", "$severity", filter.Severity);
        if (filter.EventId is { } eventId) Add("event_id = $event", "$event", eventId);
        command.CommandText = $"""
            SELECT id, event_id, channel_id, channel_name, channel_type, severity, kind, status, attempts, http_status, error,
                   next_retry_at, payload, created_at, sent_at, group_id
            FROM notification_deliveries
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY created_at DESC, id DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", filter.Limit);
        using var reader = command.ExecuteReader();
        var rows = new List<DeliveryView>();
        while (reader.Read()) rows.Add(Read(reader));
        return rows;

        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static DeliveryView Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        EventId = reader.GetInt64(1),
        ChannelId = reader.GetInt64(2),
        ChannelName = reader.GetString(3),
        ChannelType = reader.GetString(4),
        Severity = reader.GetString(5),
        Kind = reader.GetString(6),
        Status = reader.GetString(7),
        Attempts = reader.GetInt32(8),
        HttpStatus = reader.IsDBNull(9) ? null : reader.GetInt32(9),
        Error = reader.IsDBNull(10) ? null : reader.GetString(10),
        NextRetryAt = reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
        Payload = DeliveryStore.Parse(reader.GetString(12)),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        SentAt = reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
        GroupId = reader.IsDBNull(15) ? null : reader.GetInt64(15),
    };
}
