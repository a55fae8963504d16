using Lumen.Hub.Storage;

namespace Lumen.Hub.Specs.Support;

/// <summary>A real, migrated SQLite file in its own temp folder, deleted after the spec.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lumen-specs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Database = new LumenDatabase(System.IO.Path.Combine(Folder, "lumen.db"));
        Database.Initialise();
    }

    public string Folder { get; }
    public LumenDatabase Database { get; }
    public string FilePath => Database.Path;

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public string String(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public void Execute(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
