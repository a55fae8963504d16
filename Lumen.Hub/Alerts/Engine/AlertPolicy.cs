using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>Whether a host is in a maintenance window at an instant (events then record, marked suppressed).</summary>
public delegate bool MaintenanceCheck(string hostName, IReadOnlyDictionary<string, string> tags, DateTimeOffset now);

/// <summary>
/// Everything the hosts need to judge their frames, as one versioned set sent to every host
/// actor whenever rules, windows or tags change: the enabled rules, the maintenance check, and
/// what the hub knows of each registered host. <see cref="Recovered"/> travels with the first
/// set after a start only: the alert states the journal read back, by host.
/// </summary>
public sealed record AlertPolicy(
    long Version,
    IReadOnlyList<AlertRule> Rules,
    MaintenanceCheck InMaintenance,
    IReadOnlyDictionary<long, AlertHostFacts> Hosts,
    IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>>? Recovered)
{
    public static readonly MaintenanceCheck NoMaintenance = (_, _, _) => false;
}

/// <summary>
/// What the hub's tables say about one host: its name and tags (which rules watch it), its
/// silence, when it was last seen and booted (the offline and reboot baselines after a start),
/// and its recent <c>disk_pct</c> history for the disk forecast.
/// </summary>
public sealed record AlertHostFacts(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset? SilencedUntil,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? BootedAt,
    IReadOnlyList<(DateTimeOffset At, double DiskPct)> DiskHistory);
