using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Backups.Restore;

/// <summary>
/// A backup whose database is the Go hub's schema (<c>goose_db_version</c>) cannot be put in
/// place as it is: it is imported (<see cref="GoDatabaseImport"/>: the composition passes the
/// Go importer, the same import as <c>lumen-hub import-go</c>, so backups need not know it)
/// into a fresh database of this hub's schema beside the live one,
/// which then replaces the live one as any restore does. Both the CLI and the API restore go
/// through here. What the import left out is in the hub's log, not in the restore's answer.
/// </summary>
public static class GoBackupRestore
{
    /// <summary>Imports the Go hub's database file into a new database of this hub's at the second path; throws, with a message for the user, when it cannot.</summary>
    public delegate void GoDatabaseImport(string goDatabasePath, string hubDatabasePath);

    /// <exception cref="RestoreException">the Go database cannot be imported; nothing was changed.</exception>
    public static StagedRestore ToLumenSchema(StagedRestore staged, string databasePath, GoDatabaseImport import)
    {
        var imported = StagedRestore.NewPathBeside(databasePath);
        try
        {
            import(staged.Path, imported);
            FoldWriteAheadLog(imported);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            DeleteWithCompanions(imported);
            throw new RestoreException($"this backup holds a Go hub's database, and importing it failed: {e.Message}. Nothing was changed");
        }
        finally
        {
            // Reading it read-only left an empty -wal and -shm beside it.
            staged.Dispose();
            SqliteConnection.ClearAllPools();
            DeleteWithCompanions(staged.Path, keepMain: true);
        }
        return StagedRestore.Adopt(imported, staged.FormatVersion);
    }

    /// <summary>
    /// The import wrote through this hub's WAL; the file is moved into place alone, so everything
    /// goes into the main file first and no connection keeps it open.
    /// </summary>
    private static void FoldWriteAheadLog(string path)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }
        DeleteWithCompanions(path, keepMain: true);
    }

    private static void DeleteWithCompanions(string path, bool keepMain = false)
    {
        foreach (var file in keepMain ? [path + "-wal", path + "-shm"] : new[] { path, path + "-wal", path + "-shm" })
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
