using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Hub.Backups.Api;

/// <summary>
/// <c>PUT /api/settings/backup</c>: any subset of the fields; an omitted one keeps its value. The
/// read-only fields of the GET answer are accepted and ignored, so a client may send back what it read.
/// </summary>
public sealed record BackupSettingsBody(
    bool? Enabled, string? Target, string? LocalPath, string? Cron, int? RetainLast, int? MaxAgeDays,
    string? S3Endpoint, string? S3Region, string? S3Bucket, string? S3Prefix, string? S3AccessKey, string? S3SecretKey, bool? S3ForcePathStyle,
    bool? HasSecretKey, bool? HasPassphrase, bool? PassphraseFromEnvironment, string? LocalFolder, JsonElement? Status);

public sealed record BackupSettingsView(
    bool Enabled, string Target, string LocalPath, string LocalFolder, string Cron, int RetainLast, int MaxAgeDays,
    string S3Endpoint, string S3Region, string S3Bucket, string S3Prefix, string S3AccessKey, bool HasSecretKey, bool S3ForcePathStyle,
    bool HasPassphrase, bool PassphraseFromEnvironment, BackupStatusView Status);

public sealed record BackupStatusView(bool Running, BackupResultView? LastSuccess, BackupFailureView? LastError, DateTimeOffset? NextRunAt, string? ScheduleProblem);

public sealed record BackupResultView(string Name, long SizeBytes, long DurationMs, string Sha256, DateTimeOffset At)
{
    public static BackupResultView From(BackupResult result) => new(result.Name, result.SizeBytes, (long)result.Duration.TotalMilliseconds, result.Sha256, result.At);
}

public sealed record BackupRunView(string Name, long SizeBytes, long DurationMs, string Sha256, DateTimeOffset At, IReadOnlyList<string> Deleted);

public sealed record BackupFailureView(DateTimeOffset At, string Message, bool Scheduled);

public sealed record PassphraseBody(string? Passphrase);

public sealed record RestoreBody(string? Passphrase, bool? Force);

public sealed record BackupEntryView(string Name, long SizeBytes, DateTimeOffset CreatedAt);

public sealed record BackupListView(IReadOnlyList<BackupEntryView> Entries);

public sealed record RestoreView(string Name, string RestoredTo, string? Predecessor, string Schema, int FormatVersion, bool Restarting);

public sealed record OkView(bool Ok);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(BackupSettingsBody))]
[JsonSerializable(typeof(BackupSettingsView))]
[JsonSerializable(typeof(BackupRunView))]
[JsonSerializable(typeof(PassphraseBody))]
[JsonSerializable(typeof(RestoreBody))]
[JsonSerializable(typeof(BackupListView))]
[JsonSerializable(typeof(RestoreView))]
[JsonSerializable(typeof(OkView))]
public sealed partial class BackupJsonContext : JsonSerializerContext;
