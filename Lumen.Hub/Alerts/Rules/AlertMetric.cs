using System.Collections.Frozen;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>How a rule's metric is judged.</summary>
public enum AlertKind
{
    /// <summary>A scalar of the frame compared with the threshold (<c>cpu_pct</c>, <c>temp_c</c>, …).</summary>
    Scalar,

    /// <summary>No frame for <c>max(for_seconds, 60 s)</c>, noticed by a timer; resolved by the next frame.</summary>
    Offline,

    /// <summary>A container seen running on the host is gone or not running; one alert per container.</summary>
    ContainerDown,

    /// <summary>The host booted again (its boot time, received time minus uptime, moved forward): one event, resolved at once.</summary>
    HostRebooted,

    /// <summary>Hours until <c>disk_pct</c> reaches 100 at the least-squares trend of the last 6 hours; fires below the threshold.</summary>
    DiskFullHours,
}

/// <summary>A metric a rule can watch: every scalar of the catalogue, and the four no frame carries.</summary>
public sealed record AlertMetric(string Name, AlertKind Kind, ScalarMetric? Scalar, string Unit)
{
    public static readonly AlertMetric Offline = new("offline", AlertKind.Offline, null, "s");
    public static readonly AlertMetric ContainerDown = new("container_down", AlertKind.ContainerDown, null, "");
    public static readonly AlertMetric HostRebooted = new("host_rebooted", AlertKind.HostRebooted, null, "s");
    public static readonly AlertMetric DiskFullHours = new("disk_full_hours", AlertKind.DiskFullHours, null, "h");

    public static IReadOnlyList<AlertMetric> All { get; } =
    [
        .. ScalarMetrics.All.Select(scalar => new AlertMetric(scalar.Name, AlertKind.Scalar, scalar, scalar.Unit)),
        Offline, ContainerDown, HostRebooted, DiskFullHours,
    ];

    private static readonly FrozenDictionary<string, AlertMetric> ByName = All.ToFrozenDictionary(metric => metric.Name);

    public static AlertMetric? Find(string? name) => name is null ? null : ByName.GetValueOrDefault(name);

    /// <summary>Whether the rule's comparator and threshold mean anything for this metric.</summary>
    public bool HasThreshold => Kind is AlertKind.Scalar or AlertKind.DiskFullHours;

    public override string ToString() => Name;
}
