using Lumen.Hub.Storage;

namespace Lumen.Hub.Backups;

/// <summary>
/// A consistent copy of the live database taken while the hub runs: SQLite's online backup API
/// in one step on a connection of its own. It reads inside one transaction, and in WAL mode a
/// reader never blocks the writer, so ingest commits go on; it takes no write lock on the live
/// file. (A page copy costs about half the CPU of <c>VACUUM INTO</c>, which rebuilds every b-tree.)
/// </summary>
public sealed class DatabaseSnapshot : IDisposable
{
    private readonly string _folder;

    private DatabaseSnapshot(string folder, string path) => (_folder, Path) = (folder, path);

    /// <summary>The plain SQLite copy; deleted with its folder on <see cref="Dispose"/>.</summary>
    public string Path { get; }

    /// <summary>
    /// Copies the database into a fresh folder beside it that only the hub's user may enter (the
    /// copy is unencrypted, and SQLite creates it with the default mode).
    /// </summary>
    public static DatabaseSnapshot Take(LumenDatabase database)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(database.Path)!, $".lumen-backup-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var snapshot = new DatabaseSnapshot(folder, System.IO.Path.Combine(folder, "lumen.db"));
        try
        {
            using var connection = database.Open();
            using (var copy = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = snapshot.Path, Pooling = false }.ToString()))
            {
                copy.Open();
                connection.BackupDatabase(copy);
            }
            return snapshot;
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
