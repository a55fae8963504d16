using Lumen.Hub.Hosts.Matching;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>
/// One alert rule as the engine uses it, checked: which hosts it watches (<see cref="Host"/>,
/// or <see cref="HostSelector"/>, which wins when not empty, as in the Go hub), what it judges
/// and when it fires.
/// </summary>
public sealed record AlertRule(
    long Id,
    string Name,
    AlertMetric Metric,
    Comparator Comparator,
    double Threshold,
    TimeSpan For,
    TimeSpan Cooldown,
    HostPattern Host,
    TagSelector HostSelector,
    string Container,
    AlertSeverity Severity,
    bool Enabled,
    IReadOnlyList<long> ChannelIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the rule watches the host of this name and these tags.</summary>
    public bool Watches(string hostName, IReadOnlyDictionary<string, string> tags) =>
        HostSelector.IsEveryone ? Host.Matches(hostName) : HostSelector.Matches(tags);

    /// <summary>Whether a value breaches the rule (strictly, as the Go hub compares).</summary>
    public bool IsBreachedBy(double value) => Comparator == Comparator.Lt ? value < Threshold : value > Threshold;
}

/// <summary>A rule's comparison: strictly greater or strictly less than the threshold.</summary>
public enum Comparator
{
    Gt,
    Lt,
}
