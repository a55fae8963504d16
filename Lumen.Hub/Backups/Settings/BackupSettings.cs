using System.Globalization;

namespace Lumen.Hub.Backups.Settings;

/// <summary>
/// The backup settings as stored (the Go hub's <c>backup.*</c> rows of the settings table, plus
/// <c>backup.max_age_days</c>). An empty <see cref="LocalPath"/> means <c>backups/</c> beside the database.
/// </summary>
public sealed record BackupSettings(
    bool Enabled,
    string Target,
    string LocalPath,
    string Cron,
    int RetainLast,
    int MaxAgeDays,
    string PassphraseHash,
    S3BackupSettings S3)
{
    public const string Local = "local";
    public const string S3Target = "s3";

    public static BackupSettings Default { get; } = new(false, Local, "", "0 2 * * *", 14, 0, "", S3BackupSettings.Default);

    public bool HasPassphrase => PassphraseHash.Length > 0;

    /// <summary>The folder the local target writes to.</summary>
    public string LocalFolder(string dataFolder) => LocalPath.Length > 0 ? LocalPath : Path.Combine(dataFolder, "backups");

    /// <summary>From the stored rows by key (<see cref="BackupSettingKeys"/>); a row that does not parse keeps the default.</summary>
    public static BackupSettings From(IReadOnlyDictionary<string, string> rows)
    {
        string Text(string key, string fallback) => rows.TryGetValue(key, out var value) ? value : fallback;
        int Number(string key, int fallback) => rows.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var d = Default;
        return new BackupSettings(
            Text(BackupSettingKeys.Enabled, "false") == "true",
            Text(BackupSettingKeys.Target, d.Target) is { Length: > 0 } target ? target : Local,
            Text(BackupSettingKeys.LocalPath, d.LocalPath),
            Text(BackupSettingKeys.Cron, d.Cron),
            Number(BackupSettingKeys.RetainLast, d.RetainLast),
            Number(BackupSettingKeys.MaxAgeDays, d.MaxAgeDays),
            Text(BackupSettingKeys.PassphraseHash, ""),
            new S3BackupSettings(
                Text(BackupSettingKeys.S3Endpoint, ""),
                Text(BackupSettingKeys.S3Region, "auto") is { Length: > 0 } region ? region : "auto",
                Text(BackupSettingKeys.S3Bucket, ""),
                Text(BackupSettingKeys.S3Prefix, "lumen/"),
                Text(BackupSettingKeys.S3AccessKey, ""),
                Text(BackupSettingKeys.S3SecretKeyEncrypted, ""),
                Text(BackupSettingKeys.S3ForcePathStyle, "false") == "true"));
    }
}

/// <summary>Where an S3-compatible target is; the secret key is stored encrypted with the hub secret (its writer's business).</summary>
public sealed record S3BackupSettings(string Endpoint, string Region, string Bucket, string Prefix, string AccessKey, string SecretKeyEncrypted, bool ForcePathStyle)
{
    public static S3BackupSettings Default { get; } = new("", "auto", "", "lumen/", "", "", false);
}

/// <summary>The settings table keys: the Go hub's names, so its rows read the same.</summary>
public static class BackupSettingKeys
{
    public const string Enabled = "backup.enabled";
    public const string Target = "backup.target";
    public const string LocalPath = "backup.local_path";
    public const string Cron = "backup.cron";
    public const string RetainLast = "backup.retain_last";
    public const string MaxAgeDays = "backup.max_age_days";
    public const string PassphraseHash = "backup.passphrase_hash";
    public const string S3Endpoint = "backup.s3_endpoint";
    public const string S3Region = "backup.s3_region";
    public const string S3Bucket = "backup.s3_bucket";
    public const string S3Prefix = "backup.s3_prefix";
    public const string S3AccessKey = "backup.s3_access_key";
    public const string S3SecretKeyEncrypted = "backup.s3_secret_key_enc";
    public const string S3ForcePathStyle = "backup.s3_force_path_style";
}
