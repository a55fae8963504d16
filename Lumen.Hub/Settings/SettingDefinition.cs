using Lumen.Protocol;
using Lumen.Protocol.Policy;

namespace Lumen.Hub.Settings;

/// <summary>
/// One runtime-tunable setting: its key, the environment variable that seeds its default, the
/// built-in default, and its bounds. <see cref="AllowsZero"/> means 0 switches the feature off.
/// </summary>
/// <remarks><see cref="SameAs"/> names the setting this key is a second name of: it reads as that one and writes to it.</remarks>
public sealed record SettingDefinition(string Key, string EnvironmentVariable, TimeSpan Default, TimeSpan Min, TimeSpan Max, bool AllowsZero, string? SameAs = null)
{
    /// <returns>null when the value is allowed, otherwise a message naming the key and its bounds.</returns>
    public string? Check(TimeSpan value)
    {
        if (value == TimeSpan.Zero && AllowsZero) return null;
        return value >= Min && value <= Max ? null : $"{Key} must be between {Bounds}";
    }

    public string Bounds => $"{GoDuration.Format(Min)} and {GoDuration.Format(Max)}" + (AllowsZero ? " (or 0 to switch it off)" : "");

    /// <summary>Parses and checks a value given for this setting.</summary>
    public (TimeSpan Value, string? Error) Read(string? text, string source)
    {
        if (!GoDuration.TryParse(text, out var value))
            return (TimeSpan.Zero, $"{source} '{text}' is not a duration such as 90s, 15m or 24h; {Key} must be between {Bounds}");
        return Check(value) is { } error ? (TimeSpan.Zero, $"{source}: {error} (got {text})") : (value, null);
    }
}

/// <summary>The settings of design §4 with their bounds and environment names.</summary>
public static class SettingDefinitions
{
    private static TimeSpan D(double days) => TimeSpan.FromDays(days);

    /// <summary>How long raw rows (and their per-minute sums) stay: the one source of truth, also named <see cref="DownsampleHotWindow"/>.</summary>
    public static readonly SettingDefinition RetentionWindow = new("retention_window", "LUMEN_HUB_RETENTION_WINDOW", TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), D(365), AllowsZero: true);
    public static readonly SettingDefinition RetentionInterval = new("retention_interval", "LUMEN_HUB_RETENTION_INTERVAL", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), AllowsZero: true);
    public static readonly SettingDefinition AgentInterval = new("agent_interval", "LUMEN_HUB_AGENT_INTERVAL", TimeSpan.FromSeconds(5), AgentIntervalBounds.Min, AgentIntervalBounds.Max, AllowsZero: false);
    /// <summary>The archive tier's bucket, in whole minutes.</summary>
    public static readonly SettingDefinition DownsampleBucketSize = new("downsample_bucket_size", "LUMEN_HUB_DOWNSAMPLE_BUCKET_SIZE", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), AllowsZero: false);

    /// <summary>The Go hub's name for how long raw rows stay: a second name of <see cref="RetentionWindow"/>.</summary>
    public static readonly SettingDefinition DownsampleHotWindow = RetentionWindow with
    {
        Key = "downsample_hot_window", EnvironmentVariable = "LUMEN_HUB_DOWNSAMPLE_HOT_WINDOW", SameAs = RetentionWindow.Key,
    };

    /// <summary>How long buckets stay (the Go hub's default, a year).</summary>
    public static readonly SettingDefinition DownsampleArchiveWindow = new("downsample_archive_window", "LUMEN_HUB_DOWNSAMPLE_ARCHIVE_WINDOW", D(365), D(1), D(3650), AllowsZero: false);

    /// <summary>How long resolved alert events are kept (the Go hub's name and default).</summary>
    public static readonly SettingDefinition RetentionAlertsWindow = new("retention_alerts_window", "LUMEN_HUB_RETENTION_ALERTS_WINDOW", D(30), D(1), D(365), AllowsZero: true);

    public static readonly IReadOnlyList<SettingDefinition> All =
        [RetentionWindow, RetentionInterval, AgentInterval, DownsampleBucketSize, DownsampleHotWindow, DownsampleArchiveWindow, RetentionAlertsWindow];

    public static SettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);

    /// <summary>
    /// The rules between settings, for a set about to take effect: null when it holds together,
    /// otherwise a message naming the settings at fault.
    /// </summary>
    public static string? CheckTogether(IReadOnlyDictionary<string, TimeSpan> values)
    {
        var bucket = values[DownsampleBucketSize.Key];
        if (bucket.Ticks % TimeSpan.TicksPerMinute != 0)
            return $"{DownsampleBucketSize.Key} must be a whole number of minutes (got {GoDuration.Format(bucket)})";
        var (raw, archive) = (values[RetentionWindow.Key], values[DownsampleArchiveWindow.Key]);
        if (raw > archive)
            return $"{RetentionWindow.Key} ({GoDuration.Format(raw)}) must not be longer than {DownsampleArchiveWindow.Key} ({GoDuration.Format(archive)}): buckets are kept at least as long as the raw rows they summarise";
        return null;
    }
}
