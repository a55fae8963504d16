using Lumen.Hub.Backups.Archive;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Backups.Restore;

/// <summary>Which hub wrote the database inside a backup.</summary>
public enum BackupSchema
{
    /// <summary>This hub (its <c>meta</c> table and a migration version it knows).</summary>
    Lumen,

    /// <summary>The Go hub (its <c>goose_db_version</c> table).</summary>
    Go,
}

/// <summary>
/// A backup decrypted into a file beside the live database and checked there, passphrase,
/// integrity and schema, before the live database is touched. Disposing it deletes the file
/// unless <see cref="DatabaseSwap"/> has moved it into place.
/// </summary>
public sealed class StagedRestore : IDisposable
{
    private StagedRestore(string path, BackupSchema schema, byte formatVersion) => (Path, Schema, FormatVersion) = (path, schema, formatVersion);

    public string Path { get; }
    public BackupSchema Schema { get; }
    public byte FormatVersion { get; }

    /// <exception cref="RestoreException">the backup cannot be restored, and why; nothing was changed.</exception>
    public static StagedRestore Stage(Stream archive, string passphrase, string databasePath)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath))!;
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $".lumen-restore-{Guid.NewGuid():N}.tmp");
        try
        {
            byte version;
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(path, create))
                version = BackupArchive.Read(archive, file, passphrase);
            var schema = Check(path);
            return new StagedRestore(path, schema, version);
        }
        catch (BackupFormatException e)
        {
            Delete(path);
            throw new RestoreException(e.Message);
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>A file beside the live database for a restore to build (<see cref="GoBackupRestore"/>).</summary>
    internal static string NewPathBeside(string databasePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath))!, $".lumen-restore-{Guid.NewGuid():N}.tmp");

    /// <summary>Takes a database built beside the live one (a Go backup imported), checked as a backup's would be.</summary>
    internal static StagedRestore Adopt(string path, byte formatVersion)
    {
        try
        {
            var schema = Check(path);
            if (schema != BackupSchema.Lumen) throw new RestoreException("the imported database is not this hub's schema");
            return new StagedRestore(path, schema, formatVersion);
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>Integrity first, then whose schema it is.</summary>
    private static BackupSchema Check(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var integrity = Scalar(connection, "PRAGMA integrity_check;");
            if (integrity != "ok")
                throw new RestoreException($"the database in this backup fails SQLite's integrity check ({Shorten(integrity)}); it was damaged before it was backed up");
            if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version';") == "1")
                return BackupSchema.Go;
            var version = int.Parse(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
            var lumenTables = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'hosts', 'snapshots', 'settings');");
            if (lumenTables != "4" || version < 1)
                throw new RestoreException("the file in this backup is an SQLite database, but neither this hub's nor the Go hub's");
            if (version > Migrations.Latest)
                throw new RestoreException($"this backup was written by a newer Lumen hub (schema {version}; this one knows up to {Migrations.Latest}); restore it with that version or later");
            return BackupSchema.Lumen;
        }
        catch (SqliteException e)
        {
            throw new RestoreException($"the file in this backup is not a readable SQLite database ({e.Message})");
        }
        finally
        {
            connection.Dispose();
        }
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.ReplaceLineEndings("; ") : text[..200].ReplaceLineEndings("; ") + "…";

    /// <summary>Set once the file has been moved into place, so disposing leaves it.</summary>
    internal bool MovedIntoPlace { get; set; }

    public void Dispose()
    {
        if (!MovedIntoPlace) Delete(Path);
    }

    private static void Delete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
