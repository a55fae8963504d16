using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Lumen.Faults.Specs.Support;

/// <summary>A fault on the hub's database file, switched on and off while the hub runs.</summary>
public interface IDiskFault : IAsyncDisposable
{
    string Describe { get; }

    /// <summary>What the hub's log line should say is wrong.</summary>
    string ExpectedCause { get; }

    Task StartAsync();

    /// <summary>Ends the fault; safe to call twice, and called again by dispose.</summary>
    Task EndAsync();
}

/// <summary>Another connection holds the write lock (<c>BEGIN EXCLUSIVE</c>): every write of the hub waits and then fails busy.</summary>
public sealed class HeldWriteLock(string databasePath) : IDiskFault
{
    private SqliteConnection? _connection;

    public string Describe => "the database held locked by another connection (BEGIN EXCLUSIVE)";

    public string ExpectedCause => "another process holds the database locked";

    public Task StartAsync()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; BEGIN EXCLUSIVE;";
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task EndAsync()
    {
        if (_connection is null) return Task.CompletedTask;
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }
        _connection.Dispose();
        _connection = null;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}

/// <summary>
/// The database file and its WAL made immutable (<c>chattr +i</c>): unlike a mode change, which
/// root and already open descriptors ignore, the kernel then refuses every write, as on a
/// file system remounted read-only after an error.
/// </summary>
public sealed class ImmutableFiles(string databasePath) : IDiskFault
{
    private readonly string[] _files = [databasePath, databasePath + "-wal"];
    private bool _on;

    public string Describe => "the database file and its WAL made read-only (chattr +i)";

    public string ExpectedCause => "the disk refused the write";

    public Task StartAsync()
    {
        Chattr("+i");
        _on = true;
        return Task.CompletedTask;
    }

    public Task EndAsync()
    {
        if (!_on) return Task.CompletedTask;
        Chattr("-i");
        _on = false;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await EndAsync();

    private void Chattr(string flag)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(flag);
        foreach (var file in _files.Where(File.Exists)) start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chattr {flag} failed (needs root and ext4): {error}");
    }
}

/// <summary>The data folder (a small tmpfs) filled to the last byte by a ballast file; ending the fault deletes it.</summary>
public sealed class FullDisk(TmpfsMount mount) : IDiskFault
{
    private readonly string _ballast = Path.Combine(mount.Path, "ballast");

    public long BallastBytes { get; private set; }

    public string Describe => $"the data folder's file system full (a {mount.Bytes / (1024 * 1024)} MiB tmpfs filled by a ballast file)";

    public string ExpectedCause => "the disk is full";

    public Task StartAsync()
    {
        BallastBytes = mount.Fill(_ballast);
        return Task.CompletedTask;
    }

    public Task EndAsync()
    {
        File.Delete(_ballast);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}
