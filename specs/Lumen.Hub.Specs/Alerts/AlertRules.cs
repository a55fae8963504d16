using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Hosts.Matching;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>Rules, policies and frames for the alert specs.</summary>
public static class AlertRules
{
    public static AlertRule Rule(long id, string metric, double threshold = 0, int forSeconds = 0, int cooldownSeconds = 0,
        string host = "", string selector = "", string container = "", Comparator comparator = Comparator.Gt, AlertSeverity severity = AlertSeverity.Warning) =>
        new(id, $"rule {id}", AlertMetric.Find(metric) ?? throw new ArgumentException(metric), comparator, threshold,
            TimeSpan.FromSeconds(forSeconds), TimeSpan.FromSeconds(cooldownSeconds),
            HostPattern.Parse(host).Pattern!, TagSelector.Parse(selector).Selector!, container, severity, Enabled: true, [],
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public static AlertPolicy Policy(IEnumerable<AlertRule> rules, long hostId = 1, string name = "web-1",
        IReadOnlyDictionary<string, string>? tags = null, DateTimeOffset? silencedUntil = null, MaintenanceCheck? maintenance = null,
        IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>>? recovered = null, long version = 1,
        DateTimeOffset? bootedAt = null, IReadOnlyList<(DateTimeOffset, double)>? diskHistory = null) =>
        new(version, [.. rules], maintenance ?? AlertPolicy.NoMaintenance,
            new Dictionary<long, AlertHostFacts> { [hostId] = new(name, tags ?? new Dictionary<string, string>(), silencedUntil, null, bootedAt, diskHistory ?? []) },
            recovered);

    public static IngestFrame Frame(double cpu = 10, double disk = 50, long uptimeSeconds = 0, params (string Name, string State)[] containers) => new()
    {
        Ts = DateTimeOffset.UtcNow,
        [ScalarMetrics.CpuPct] = cpu,
        [ScalarMetrics.DiskPct] = disk,
        System = uptimeSeconds > 0 ? new SystemInfo { UptimeSeconds = uptimeSeconds } : null,
        Containers = containers.Length == 0 ? null : [.. containers.Select(c => new ContainerSample { Name = c.Name, State = c.State })],
    };
}
