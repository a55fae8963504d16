using Lumen.Hub.Storage;

namespace Lumen.Hub.Backups.Settings;

/// <summary>Reads and writes the <c>backup.*</c> rows of the hub's settings table.</summary>
public sealed class BackupSettingsStore(LumenDatabase database, TimeProvider clock)
{
    public BackupSettings Read()
    {
        var rows = new Dictionary<string, string>();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM settings WHERE key LIKE 'backup.%';";
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows[reader.GetString(0)] = reader.GetString(1);
        return BackupSettings.From(rows);
    }

    /// <summary>Writes the given rows in one transaction; values are already checked.</summary>
    public BackupSettings Write(IReadOnlyDictionary<string, string> rows)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (key, value) in rows)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO settings (key, value, updated_at) VALUES ($key, $value, $now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Read();
    }
}
