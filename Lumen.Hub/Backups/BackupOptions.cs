namespace Lumen.Hub.Backups;

/// <summary>
/// What backups take from the hub's start: the database a restore replaces, the data folder
/// (the default target folder lives there) and <c>LUMEN_HUB_BACKUP_PASSPHRASE</c>, the passphrase of scheduled runs.
/// </summary>
public sealed record BackupOptions(string DatabasePath, string? EnvironmentPassphrase)
{
    /// <summary>The hub secret's key bytes (the session key): the S3 secret key is stored sealed with it, as the Go hub does (go-lumen-compat §1.4).</summary>
    public byte[] HubSecret { get; init; } = [];

    /// <summary>How a Go hub's backup is brought to this hub's schema (<see cref="Restore.GoBackupRestore"/>); null refuses such backups.</summary>
    public Restore.GoBackupRestore.GoDatabaseImport? ImportGoDatabase { get; init; }

    public string DataFolder => Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!;

    public static BackupOptions Load(string databasePath, Func<string, string?> environment) =>
        new(databasePath, environment(Settings.BackupPassphrase.EnvironmentVariable) is { Length: > 0 } passphrase ? passphrase : null);
}
