using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Backups.Targets;

namespace Lumen.Hub.Backups;

/// <summary>
/// One run from start to end, as the scheduler starts it: the passphrase checked against the
/// stored hash, the target built from the settings of the moment, the backup, then retention.
/// Every expected failure becomes an outcome with a message that says what to do.
/// </summary>
public sealed class BackupJob(BackupSettingsStore settingsStore, BackupPassphrase passphrases, BackupRunner runner, BackupOptions options)
{
    public async Task<BackupRunOutcome> RunAsync(string? passphrase, bool scheduled, CancellationToken cancel)
    {
        var settings = await Task.Run(settingsStore.Read, cancel);
        if (passphrase is null)
            return new BackupRunOutcome.Refused($"scheduled backups take their passphrase from {BackupPassphrase.EnvironmentVariable}, which is not set; set it in the hub's environment and restart it");
        if (!settings.HasPassphrase)
            return new BackupRunOutcome.Refused("no backup passphrase is set yet; set one under Settings → Backups (POST /api/backup/passphrase) first");
        if (!await passphrases.MatchesAsync(passphrase, settings.PassphraseHash, cancel))
            return new BackupRunOutcome.Refused(scheduled
                ? $"{BackupPassphrase.EnvironmentVariable} is not the backup passphrase set in the hub; make them the same (set it again under Settings → Backups, or fix the variable)"
                : "that is not the backup passphrase set in the hub");

        IBackupTarget target;
        try
        {
            target = BackupTargets.Create(settings, options);
        }
        catch (BackupTargetException e)
        {
            return new BackupRunOutcome.Failed(e.Message);
        }

        try
        {
            var result = await runner.RunAsync(target, passphrase, cancel);
            var deleted = await runner.ApplyRetentionAsync(target, settings.RetainLast, settings.MaxAgeDays, cancel);
            return new BackupRunOutcome.Succeeded(result, deleted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or HttpRequestException)
        {
            return new BackupRunOutcome.Failed($"{e.Message} — check the target (Settings → Backups → Test), its free space and the hub's permission to write there");
        }
    }
}
