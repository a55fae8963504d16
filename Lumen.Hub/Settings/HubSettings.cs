namespace Lumen.Hub.Settings;

/// <summary>
/// The effective value of every runtime setting at one moment. <c>DownsampleHotWindow</c> is
/// always <c>RetentionWindow</c>: two names of how long raw rows stay. <see cref="Processes"/>
/// holds the settings that are not durations.
/// </summary>
public sealed record HubSettings(
    TimeSpan RetentionWindow,
    TimeSpan RetentionInterval,
    TimeSpan AgentInterval,
    TimeSpan DownsampleBucketSize,
    TimeSpan DownsampleHotWindow,
    TimeSpan DownsampleArchiveWindow,
    TimeSpan RetentionAlertsWindow)
{
    public ProcessSettings Processes { get; init; } = ProcessSettings.Default;

    public static HubSettings From(IReadOnlyDictionary<string, TimeSpan> values) => new(
        values[SettingDefinitions.RetentionWindow.Key],
        values[SettingDefinitions.RetentionInterval.Key],
        values[SettingDefinitions.AgentInterval.Key],
        values[SettingDefinitions.DownsampleBucketSize.Key],
        values[SettingDefinitions.RetentionWindow.Key],
        values[SettingDefinitions.DownsampleArchiveWindow.Key],
        values[SettingDefinitions.RetentionAlertsWindow.Key]);
}
