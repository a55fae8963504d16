using Lumen.Hub.Settings;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Each Go hub setting (go-lumen-compat §1.5) as this hub's setting, or why it has none. Durations
/// are Go strings (<c>720h0m0s</c>, <c>48h</c>) read by this hub's Go-duration parser.
/// </summary>
public static class GoSettingMap
{
    /// <summary>Not a reason: the marker of the rows <see cref="BackupSettingImport"/> imports under their own keys.</summary>
    public const string BackupSettings = "imported with the backup settings";

    /// <summary>The hub's key for a Go key, or null with the reason it is not imported.</summary>
    public static (string? HubKey, string? WhyNot) Map(string goKey) => goKey switch
    {
        "retention.window" => (SettingDefinitions.RetentionWindow.Key, null),
        "retention.interval" => (SettingDefinitions.RetentionInterval.Key, null),
        "retention.delete_alerts_after" => (SettingDefinitions.RetentionAlertsWindow.Key, null),
        "agent.interval" => (SettingDefinitions.AgentInterval.Key, null),
        "downsample.bucket_size" => (SettingDefinitions.DownsampleBucketSize.Key, null),
        "downsample.archive_window" => (SettingDefinitions.DownsampleArchiveWindow.Key, null),
        "downsample.hot_window" => (null, "the Go hub stores it but reads retention.window; here it is another name of retention_window, imported from retention.window"),
        "alerts.eval_interval" => (null, "this hub evaluates rules on every frame, not on an interval"),
        "processes.enabled" => (TextSettingDefinitions.ProcessesEnabled.Key, null),
        "processes.top_n" => (TextSettingDefinitions.ProcessesTopN.Key, null),
        "processes.sort_by" => (TextSettingDefinitions.ProcessesSortBy.Key, null),
        "processes.redact_regex" => (TextSettingDefinitions.ProcessesRedactRegex.Key, null),
        _ when goKey.StartsWith("public_status.", StringComparison.Ordinal) => (null, "this hub has no public status page"),
        _ when goKey.StartsWith("webpush.", StringComparison.Ordinal) => (null, "the VAPID keys are not imported (the private key needs LUMEN_HUB_SECRET); browsers subscribe again to this hub's key"),
        _ when goKey.StartsWith("backup.", StringComparison.Ordinal) => (null, BackupSettings),
        _ when goKey.StartsWith("saml.", StringComparison.Ordinal) || goKey.StartsWith("oidc.", StringComparison.Ordinal) => (null, "this hub has no single sign-on"),
        _ => (null, "not a setting this importer knows"),
    };
}
