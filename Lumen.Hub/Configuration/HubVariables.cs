using Lumen.Hub.Settings;

namespace Lumen.Hub.Configuration;

/// <summary>
/// The <c>LUMEN_HUB_*</c> names this hub reads, and the Go hub's names it does not read, each
/// with what to do instead. The command line accepts <c>--NAME=value</c> for both lists
/// (<see cref="Cli.CommandLine"/>); start-up names the Go-only ones set in one warning.
/// </summary>
public static class HubVariables
{
    /// <summary>Read by <see cref="HubOptionsLoader"/>, the settings' defaults, and the backups (the scheduled runs' passphrase).</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "LUMEN_HUB_ADDR", "LUMEN_HUB_DB_PATH", "LUMEN_HUB_STREAM_INTERVAL", "LUMEN_HUB_TRUST_PROXY",
        "LUMEN_HUB_BATCH_FLUSH_EVERY", "LUMEN_HUB_BATCH_FLUSH_SIZE", "LUMEN_HUB_BATCH_QUEUE_SIZE",
        "LUMEN_HUB_SECRET", "LUMEN_HUB_ADMIN_USERNAME", "LUMEN_HUB_ADMIN_PASSWORD",
        "LUMEN_HUB_LOCAL_AGENT", "LUMEN_HUB_QUICKSTART", "LUMEN_HUB_PUBLIC_URL", "LUMEN_HUB_INSTALL_DIR",
        "LUMEN_HUB_BACKUP_PASSPHRASE",
        .. SettingDefinitions.All.Select(d => d.EnvironmentVariable),
        .. TextSettingDefinitions.All.Select(d => d.EnvironmentVariable),
    ];

    /// <summary>The Go hub's variables with nothing to read them here, and what to do about each.</summary>
    public static readonly IReadOnlyDictionary<string, string> GoOnly = new Dictionary<string, string>
    {
        ["LUMEN_HUB_DEV"] = "the Go hub's development mode; this hub has none (the dashboard is always embedded; LUMEN_HUB_QUICKSTART=true is the first-look mode): remove it",
        ["LUMEN_HUB_ALERT_INTERVAL"] = "this hub judges every frame as it arrives and an offline host at its deadline, so there is no evaluation interval to set: remove it",
    };

    public static bool IsKnown(string name) =>
        Known.Contains(name, StringComparer.OrdinalIgnoreCase) || GoOnly.ContainsKey(name.ToUpperInvariant());

    /// <summary>One warning naming every Go-only variable that is set, or null when none is.</summary>
    public static string? GoOnlyWarning(Func<string, string?> environment)
    {
        var set = GoOnly.Where(v => environment(v.Key) is { Length: > 0 }).Select(v => $"{v.Key} ({v.Value})").ToList();
        return set.Count == 0 ? null : "Not read by this hub: " + string.Join("; ", set);
    }
}
