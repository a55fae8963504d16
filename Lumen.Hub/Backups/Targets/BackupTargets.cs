using Lumen.Hub.Accounts;
using Lumen.Hub.Backups.Settings;

namespace Lumen.Hub.Backups.Targets;

/// <summary>A target that cannot be built from the settings as they are; the message says what to change.</summary>
public sealed class BackupTargetException(string message) : Exception(message);

/// <summary>The one place a target is built from the settings: a new kind of target is one line here.</summary>
public static class BackupTargets
{
    public static IBackupTarget Create(BackupSettings settings, BackupOptions options) => settings.Target switch
    {
        BackupSettings.Local => new LocalFolderBackupTarget(settings.LocalFolder(options.DataFolder)),
        BackupSettings.S3Target => S3(settings.S3, options.HubSecret),
        _ => throw new BackupTargetException($"target must be \"local\" or \"s3\" (got \"{settings.Target}\")"),
    };

    private static S3BackupTarget S3(S3BackupSettings s3, byte[] hubSecret)
    {
        var secret = "";
        if (s3.SecretKeyEncrypted.Length > 0)
        {
            var (plaintext, error) = GoSecretBox.Open(GoSecretBox.BackupS3Label, hubSecret, s3.SecretKeyEncrypted);
            secret = plaintext ?? throw new BackupTargetException(
                $"the stored S3 secret key cannot be opened with this hub's LUMEN_HUB_SECRET ({error}); enter the secret key again in Settings → Backups");
        }
        var options = new S3TargetOptions(s3.Endpoint.Length > 0 ? s3.Endpoint : null, s3.Region, s3.Bucket, s3.Prefix, s3.AccessKey, secret, s3.ForcePathStyle);
        if (options.Check() is { } problem) throw new BackupTargetException(problem);
        return new S3BackupTarget(options);
    }
}
