using System.Security.Cryptography;
using Lumen.Hub.Cli;
using Lumen.Hub.Specs.GoImport;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Specs.Backups;

/// <summary>
/// <c>lumen-hub restore</c> on real SQLite files: a good backup replaces the database and keeps
/// the old one; every bad file is refused with exit 1 and the live database's bytes unchanged.
/// </summary>
public sealed class RestoreCommandSpecs : IDisposable
{
    private const string Passphrase = "restore passphrase";
    private readonly TempDatabase _live = new();
    private readonly TempDatabase _source = new();

    public RestoreCommandSpecs()
    {
        _live.Execute("INSERT INTO settings (key, value, updated_at) VALUES ('live', 'before', 0);");
        _source.Execute("INSERT INTO settings (key, value, updated_at) VALUES ('restored', 'yes', 0);");
    }

    public void Dispose()
    {
        _live.Dispose();
        _source.Dispose();
    }

    private string BackupFile(byte[] bytes)
    {
        var path = Path.Combine(_source.Folder, "given.bak");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private byte[] SourceDatabase()
    {
        SqliteConnection.ClearAllPools();
        var copy = Path.Combine(_source.Folder, "copy.db");
        using (var connection = _source.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"VACUUM INTO '{copy}';";
            command.ExecuteNonQuery();
        }
        var bytes = File.ReadAllBytes(copy);
        File.Delete(copy);
        return bytes;
    }

    private (int Exit, string Out, string Err) Run(string? passphrase, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _live.FilePath };
        if (passphrase is not null) environment["LUMEN_HUB_BACKUP_PASSPHRASE"] = passphrase;
        using var output = new StringWriter();
        using var error = new StringWriter();
        SqliteConnection.ClearAllPools();
        var exit = RestoreCommand.Run(args, environment.GetValueOrDefault, output, error, prompt: () => null);
        return (exit, output.ToString(), error.ToString());
    }

    private string LiveHash()
    {
        SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_live.FilePath)));
    }

    [Fact]
    public void Restore_should_put_the_backup_in_place_and_keep_the_replaced_database_beside_it()
    {
        var file = BackupFile(BackupFiles.Version2(SourceDatabase(), Passphrase, ArchiveDefaults));

        var (exit, output, error) = Run(Passphrase, "restore", file);

        Assert.True(exit == 0, error);
        Assert.Contains("restored from", output);
        Assert.Equal("yes", _live.String("SELECT value FROM settings WHERE key = 'restored';"));
        var kept = Assert.Single(Directory.GetFiles(_live.Folder, "lumen.db.before-restore-*"));
        using var before = new SqliteConnection($"Data Source={kept};Mode=ReadOnly;Pooling=False");
        before.Open();
        using var read = before.CreateCommand();
        read.CommandText = "SELECT value FROM settings WHERE key = 'live';";
        Assert.Equal("before", read.ExecuteScalar());
    }

    [Fact]
    public void The_Go_spelling_should_restore_too()
    {
        var file = BackupFile(BackupFiles.Version2(SourceDatabase(), Passphrase, ArchiveDefaults));

        Assert.Equal(0, Run(Passphrase, $"--restore={file}").Exit);
        Assert.Equal("yes", _live.String("SELECT value FROM settings WHERE key = 'restored';"));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "wrong passphrase", "wrong passphrase" },
        { "truncated", "cut short|changed or damaged" },
        { "tampered", "changed or damaged" },
        { "not a backup", "not a Lumen backup" },
        { "fails integrity", "integrity check|not a readable SQLite" },
        { "not SQLite inside", "not a readable SQLite|neither" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_should_be_refused_with_exit_1_and_nothing_changed(string kind, string message)
    {
        var good = BackupFiles.Version2(SourceDatabase(), Passphrase, ArchiveDefaults);
        var bytes = kind switch
        {
            "truncated" => good[..(good.Length / 2)],
            "tampered" => Flip(good, good.Length / 2),
            "not a backup" => SourceDatabase(),
            "fails integrity" => BackupFiles.Version2(DatabaseFailingIntegrity(), Passphrase, ArchiveDefaults),
            "not SQLite inside" => BackupFiles.Version2("just some text, not a database"u8.ToArray(), Passphrase, ArchiveDefaults),
            _ => good,
        };
        var file = BackupFile(bytes);
        var before = LiveHash();

        var (exit, _, error) = Run(kind == "wrong passphrase" ? "not the passphrase" : Passphrase, "restore", file);

        Assert.Equal(1, exit);
        Assert.Matches(message, error);
        Assert.Contains("nothing was changed", error);
        Assert.Equal(before, LiveHash());
        Assert.Equal(["lumen.db"], Directory.GetFiles(_live.Folder).Select(Path.GetFileName).Where(n => !n!.EndsWith("-wal") && !n.EndsWith("-shm")));
    }

    [Fact]
    public void A_Go_hubs_backup_should_be_restored_through_the_importer_so_its_tokens_and_history_come_back()
    {
        var goFolder = Path.Combine(_source.Folder, "go");
        Directory.CreateDirectory(goFolder);
        string goPath;
        using (var goDatabase = new GoHubDatabase(goFolder))
        {
            GoHubContents.Fill(goDatabase);
            goPath = goDatabase.Path;
        }
        // Closed, so what the Go hub wrote is in the main file, as VACUUM INTO leaves it.
        var goBytes = File.ReadAllBytes(goPath);
        var file = BackupFile(BackupFiles.GoVersion1(goBytes, Passphrase));

        var (exit, output, error) = Run(Passphrase, "restore", file);

        Assert.True(exit == 0, error);
        Assert.Contains("restored", output);
        SqliteConnection.ClearAllPools();
        using var connection = new LumenDatabase(_live.FilePath).Open();
        Assert.Equal(["nas", "pi"], Query(connection, "SELECT name FROM hosts ORDER BY name;"));
        Assert.Empty(Query(connection, "SELECT key FROM settings WHERE key = 'live';"));
        Assert.NotEmpty(Query(connection, "SELECT ts FROM snapshots;"));
        Assert.Empty(Directory.GetFiles(_live.Folder, ".lumen-restore-*"));
    }

    [Fact]
    public void A_Go_hubs_backup_that_cannot_be_imported_should_be_refused_with_nothing_changed()
    {
        var file = BackupFile(BackupFiles.GoVersion1(GoSchemaDatabase(), Passphrase));
        var before = LiveHash();

        var (exit, _, error) = Run(Passphrase, "restore", file);

        Assert.Equal(1, exit);
        Assert.Contains("Go hub's database", error);
        Assert.Equal(before, LiveHash());
        Assert.Empty(Directory.GetFiles(_live.Folder, ".lumen-restore-*"));
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    [Fact]
    public void Restore_should_refuse_a_database_a_running_process_has_open_unless_forced()
    {
        var file = BackupFile(BackupFiles.Version2(SourceDatabase(), Passphrase, ArchiveDefaults));
        // A connection that has read the database, as a running hub's pooled ones have.
        var hub = new SqliteConnection($"Data Source={_live.FilePath};Pooling=False");
        hub.Open();
        try
        {
            using (var read = hub.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM settings;";
                read.ExecuteScalar();
            }
            var (exit, _, error) = Run(Passphrase, "restore", file);
            Assert.Equal(1, exit);
            Assert.Contains("open in another process", error);
            Assert.Equal(0L, _live.Scalar("SELECT count(*) FROM settings WHERE key = 'restored';"));
        }
        finally
        {
            hub.Dispose();
        }
        Assert.Equal(0, Run(Passphrase, "restore", file, "--force").Exit);
    }

    [Theory]
    [InlineData("restore")]
    [InlineData("restore a b")]
    [InlineData("--restore=")]
    [InlineData("--restore file.bak")]
    public void Usage_errors_should_exit_2(string args) => Assert.Equal(2, Run(Passphrase, args.Split(' ')).Exit);

    [Fact]
    public void No_passphrase_and_no_terminal_should_exit_2()
    {
        var file = BackupFile(BackupFiles.Version2(SourceDatabase(), Passphrase, ArchiveDefaults));
        var (exit, _, error) = Run(null, "restore", file);
        Assert.Equal(2, exit);
        Assert.Contains("LUMEN_HUB_BACKUP_PASSPHRASE", error);
    }

    private const int ArchiveDefaults = BackupFiles.SmallSegment;

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>A database whose index lost its schema row: its pages are still there, and SQLite's integrity check reports them as never used.</summary>
    private byte[] DatabaseFailingIntegrity()
    {
        var path = Path.Combine(_source.Folder, "broken.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT hex(randomblob(40)) FROM n;
                PRAGMA writable_schema = ON; DELETE FROM sqlite_master WHERE name = 't_x'; PRAGMA writable_schema = OFF;
                """;
            command.ExecuteNonQuery();
        }
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>The Go hub's marker table and a few of its tables (go-lumen-compat.md §1).</summary>
    private byte[] GoSchemaDatabase()
    {
        var path = Path.Combine(_source.Folder, "go.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));
                INSERT INTO goose_db_version (version_id, is_applied) VALUES (25, 1);
                CREATE TABLE hosts (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE COLLATE NOCASE, token_hash TEXT NOT NULL UNIQUE, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
                """;
            command.ExecuteNonQuery();
        }
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
