using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Maintenance;

/// <summary>
/// The maintenance_windows table: times in unix milliseconds, the host pattern as its text,
/// the scope as a JSON object. A homelab has a handful of windows, so readers load them all
/// and decide in memory (a weekly window never ends, which SQL on the columns would miss).
/// </summary>
public sealed class MaintenanceStore(LumenDatabase database)
{
    private const string Columns = "id, reason, start_at, end_at, recurrence, host, scope_tags, created_at";

    /// <summary>Every window, earliest first: what the alert engine holds and checks hosts against.</summary>
    public IReadOnlyList<MaintenanceWindow> LoadAll()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM maintenance_windows ORDER BY start_at, id;";
        return ReadAll(command);
    }

    public MaintenanceWindow? Find(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM maintenance_windows WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return ReadAll(command).SingleOrDefault();
    }

    /// <summary>Stores a new window (its id is ignored) and answers it with the id it got.</summary>
    public MaintenanceWindow Add(MaintenanceWindow window)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO maintenance_windows (reason, start_at, end_at, recurrence, host, scope_tags, created_at)
            VALUES ($reason, $start, $end, $recurrence, $host, $scope, $created) RETURNING id;
            """;
        Bind(command, window);
        command.Parameters.AddWithValue("$created", window.CreatedAt.ToUnixTimeMilliseconds());
        return window with { Id = (long)command.ExecuteScalar()! };
    }

    /// <summary>Replaces every field of the window with its id but when it was created; false when there is none.</summary>
    public bool Replace(MaintenanceWindow window)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE maintenance_windows SET reason = $reason, start_at = $start, end_at = $end,
                recurrence = $recurrence, host = $host, scope_tags = $scope
            WHERE id = $id;
            """;
        Bind(command, window);
        command.Parameters.AddWithValue("$id", window.Id);
        return command.ExecuteNonQuery() == 1;
    }

    public bool Delete(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM maintenance_windows WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    private static void Bind(SqliteCommand command, MaintenanceWindow window)
    {
        command.Parameters.AddWithValue("$reason", window.Reason);
        command.Parameters.AddWithValue("$start", window.StartAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$end", window.EndAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$recurrence", MaintenanceText.Recurrence(window.Recurrence));
        command.Parameters.AddWithValue("$host", window.Host.Text);
        command.Parameters.AddWithValue("$scope", HostTags.ToJson(window.ScopeTags));
    }

    private static List<MaintenanceWindow> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var windows = new List<MaintenanceWindow>();
        while (reader.Read()) windows.Add(Read(reader));
        return windows;
    }

    private static MaintenanceWindow Read(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        // Written by this hub from a checked pattern; a row edited by hand into one that cannot
        // parse must not silently become "every host" (that would mute every alert).
        var (host, error) = HostPattern.Parse(reader.GetString(5));
        if (host is null) throw new InvalidDataException($"maintenance window {id} has a host pattern this hub cannot read: {error}");
        MaintenanceText.TryRecurrence(reader.GetString(4), out var recurrence);
        return new MaintenanceWindow(id, reader.GetString(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            recurrence, host, HostTags.FromJson(reader.GetString(6)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));
    }
}
