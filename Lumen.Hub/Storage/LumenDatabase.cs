using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Storage;

/// <summary>
/// The hub's one SQLite file. Every connection gets the same pragmas: WAL so readers never
/// wait on the batcher, synchronous=NORMAL (a power cut can lose the last commit, never
/// corrupt the file) and a 5 s busy timeout for the command-line tools writing alongside.
/// </summary>
public sealed class LumenDatabase
{
    private readonly string _connectionString;

    public LumenDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
    }

    public string Path { get; }

    private const string ConnectionPragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = ConnectionPragmas;
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the folder and file if needed, switches to WAL and applies migrations.</summary>
    public void Initialise()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        Migrations.Apply(connection);
    }
}
