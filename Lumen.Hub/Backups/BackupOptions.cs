namespace Lumen.Hub.Backups;

/// <summary>
/// What backups take from the hub's start: the data folder (the default target folder lives
/// there) and <c>LUMEN_HUB_BACKUP_PASSPHRASE</c>, the passphrase of scheduled runs.
/// </summary>
public sealed record BackupOptions(string DataFolder, string? EnvironmentPassphrase)
{
    public static BackupOptions Load(string dataFolder, Func<string, string?> environment) =>
        new(dataFolder, environment(Settings.BackupPassphrase.EnvironmentVariable) is { Length: > 0 } passphrase ? passphrase : null);
}
