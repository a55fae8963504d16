namespace Lumen.Hub.Alerts.Rules;

/// <summary>How bad an alert is; ranked so a channel can ask for "warning and worse".</summary>
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}

public static class AlertSeverities
{
    public static string Name(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Critical => "critical",
        _ => "warning",
    };

    /// <returns>the severity, or null for a word that is not one.</returns>
    public static AlertSeverity? Parse(string? text) => text switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        _ => null,
    };
}
