using Lumen.Hub.Backups.Settings;

namespace Lumen.Hub.Backups.Targets;

/// <summary>A target that cannot be built from the settings as they are; the message says what to change.</summary>
public sealed class BackupTargetException(string message) : Exception(message);

/// <summary>The one place a target is built from the settings: a new kind of target is one line here.</summary>
public static class BackupTargets
{
    public static IBackupTarget Create(BackupSettings settings, string dataFolder) => settings.Target switch
    {
        BackupSettings.Local => new LocalFolderBackupTarget(settings.LocalFolder(dataFolder)),
        BackupSettings.S3Target => throw new BackupTargetException("the S3 target is not part of this build yet; choose target \"local\""),
        _ => throw new BackupTargetException($"target must be \"local\" or \"s3\" (got \"{settings.Target}\")"),
    };
}
