using System.Globalization;
using Lumen.Hub.Accounts;
using Lumen.Hub.Backups.Api;
using Lumen.Hub.Backups.Schedule;

namespace Lumen.Hub.Backups.Settings;

/// <summary>
/// Turns a settings PUT into the rows to write, checking every value first: the answer is
/// either all the rows or the first problem, and then nothing is written.
/// </summary>
public static class BackupSettingsChanges
{
    /// <summary>Ten years: longer is a typo, and 0 already means "no limit by age".</summary>
    public const int MaxAgeDaysLimit = 3650;

    public static (IReadOnlyDictionary<string, string>? Rows, string? Error) From(BackupSettingsBody body, byte[] hubSecret)
    {
        var rows = new Dictionary<string, string>();
        if (body.Enabled is { } enabled) rows[BackupSettingKeys.Enabled] = enabled ? "true" : "false";
        if (body.Target is { } target)
        {
            var normalized = target.Trim().ToLowerInvariant() is "" ? BackupSettings.Local : target.Trim().ToLowerInvariant();
            if (normalized is not (BackupSettings.Local or BackupSettings.S3Target)) return (null, $"target must be \"local\" or \"s3\" (got \"{target}\")");
            rows[BackupSettingKeys.Target] = normalized;
        }
        if (body.LocalPath is { } localPath)
        {
            if (localPath.Length > 0 && !Path.IsPathFullyQualified(localPath)) return (null, $"local_path must be an absolute folder path, or empty for backups/ beside the database (got \"{localPath}\")");
            rows[BackupSettingKeys.LocalPath] = localPath;
        }
        if (body.Cron is { } cron)
        {
            if (BackupSchedule.Parse(cron).Error is { } problem) return (null, problem);
            rows[BackupSettingKeys.Cron] = cron.Trim();
        }
        if (body.RetainLast is { } retain)
        {
            if (retain < 0) return (null, $"retain_last must be 0 (no limit by count) or more (got {retain})");
            rows[BackupSettingKeys.RetainLast] = retain.ToString(CultureInfo.InvariantCulture);
        }
        if (body.MaxAgeDays is { } days)
        {
            if (days is < 0 or > MaxAgeDaysLimit) return (null, $"max_age_days must be between 0 (no limit by age) and {MaxAgeDaysLimit} (got {days})");
            rows[BackupSettingKeys.MaxAgeDays] = days.ToString(CultureInfo.InvariantCulture);
        }
        // Sealed with the hub secret as the Go hub seals it, so an imported Go value opens too; "" keeps the stored one.
        if (!string.IsNullOrEmpty(body.S3SecretKey))
            rows[BackupSettingKeys.S3SecretKeyEncrypted] = GoSecretBox.Seal(GoSecretBox.BackupS3Label, hubSecret, body.S3SecretKey);
        if (body.S3Endpoint is { } endpoint) rows[BackupSettingKeys.S3Endpoint] = endpoint.Trim();
        if (body.S3Region is { } region) rows[BackupSettingKeys.S3Region] = region.Trim() is { Length: > 0 } r ? r : "auto";
        if (body.S3Bucket is { } bucket) rows[BackupSettingKeys.S3Bucket] = bucket.Trim();
        if (body.S3Prefix is { } prefix) rows[BackupSettingKeys.S3Prefix] = prefix.Trim() is { Length: > 0 } p ? p : "lumen/";
        if (body.S3AccessKey is { } accessKey) rows[BackupSettingKeys.S3AccessKey] = accessKey.Trim();
        if (body.S3ForcePathStyle is { } pathStyle) rows[BackupSettingKeys.S3ForcePathStyle] = pathStyle ? "true" : "false";
        return (rows, null);
    }
}
