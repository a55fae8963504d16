using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Backups.Restore;

/// <summary>What a restore did: the live path now holding the backup, and where the database it replaced was kept.</summary>
public sealed record RestoreOutcome(string RestoredTo, string? Predecessor);

/// <summary>
/// Puts a checked, staged database in place of the live one while no hub has it open: the live
/// file is kept beside it as <c>&lt;db&gt;.before-restore-&lt;unix seconds&gt;</c>, its <c>-wal</c>
/// and <c>-shm</c> are removed (they belong to the old file), and the staged file is renamed in.
/// </summary>
public static class DatabaseSwap
{
    public static RestoreOutcome Swap(StagedRestore staged, string databasePath, DateTimeOffset now)
    {
        var live = Path.GetFullPath(databasePath);
        SqliteConnection.ClearAllPools();
        string? predecessor = null;
        if (File.Exists(live))
        {
            // A crashed hub's WAL holds committed rows not yet in the main file: fold them in first,
            // so the kept predecessor is complete on its own.
            Checkpoint(live);
            predecessor = $"{live}.before-restore-{now.ToUnixTimeSeconds()}";
            File.Move(live, predecessor, overwrite: false);
        }
        foreach (var sidecar in new[] { "-wal", "-shm", "-journal" })
            File.Delete(live + sidecar);
        File.Move(staged.Path, live, overwrite: false);
        staged.MovedIntoPlace = true;
        return new RestoreOutcome(live, predecessor);
    }

    /// <summary>
    /// Why the database looks in use by a running hub, or null. A hub keeps its connections open
    /// (pooled), and a connection in WAL mode holds the file shared; leaving WAL mode needs it
    /// alone, so the attempt fails at once while any other process has it open.
    /// </summary>
    public static string? InUseProblem(string databasePath)
    {
        var live = Path.GetFullPath(databasePath);
        if (!File.Exists(live)) return null;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = live, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Its own statement: ExecuteScalar answers the first statement that returns a row.
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            var mode = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return mode == "delete" ? null : $"{live} is open in another process (a running hub?); stop the hub first, or pass --force";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            return $"{live} is open in another process (a running hub?); stop the hub first, or pass --force";
        }
    }

    private static void Checkpoint(string path)
    {
        if (!File.Exists(path + "-wal")) return;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A WAL that cannot be folded in (damaged) stays out of the kept copy; the restore goes on.
        }
    }
}
