namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// What one alert is about: a rule, a host, and for rules that watch several things on a
/// host (one per container) the thing by name; empty otherwise.
/// </summary>
public readonly record struct AlertKey(long RuleId, long HostId, string Subject)
{
    public override string ToString() => Subject.Length == 0 ? $"rule {RuleId} on host {HostId}" : $"rule {RuleId} on host {HostId} ({Subject})";
}
