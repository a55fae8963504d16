using Lumen.Hub.Alerts;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>The policy the hosts get, read from a real database: rules, hosts, their silences and the disk history a forecast needs.</summary>
public sealed class AlertPolicySourceSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    private AlertPolicySource Source() => new(new AlertRuleStore(_db.Database, TimeProvider.System), new HostStore(_db.Database, TimeProvider.System),
        new HistoryStore(_db.Database), new MaintenanceStore(_db.Database), TimeProvider.System);

    [Fact]
    public void Policy_should_carry_the_enabled_rules_every_host_and_the_disk_history_of_hosts_a_forecast_watches()
    {
        var hosts = new HostStore(_db.Database, TimeProvider.System);
        var nas = hosts.Add("nas").Host.Id;
        var pi = hosts.Add("pi").Host.Id;
        var rules = new AlertRuleStore(_db.Database, TimeProvider.System);
        rules.Create(AlertRules.Rule(0, "disk_full_hours", threshold: 24, host: "nas", comparator: Comparator.Lt));
        rules.Create(AlertRules.Rule(0, "cpu_pct", threshold: 90) with { Enabled = false });
        var now = DateTimeOffset.UtcNow;
        HistoryRowsFor(nas, now);

        var policy = Source().Load();

        Assert.Equal(["disk_full_hours", "offline"], policy.Rules.Select(rule => rule.Metric.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["nas", "pi"], policy.Hosts.Values.Select(h => h.Name).Order());
        Assert.InRange(policy.Hosts[nas.Value].DiskHistory.Count, 60, 73);
        Assert.Empty(policy.Hosts[pi.Value].DiskHistory);
    }

    /// <summary>Seven hours of 5-second rows for one host, disk_pct rising.</summary>
    private void HistoryRowsFor(HostId host, DateTimeOffset now)
    {
        var rows = Enumerable.Range(0, 7 * 720).Select(i => History.HistoryRows.Row(host, now.AddSeconds(-i * 5), 1)).ToArray();
        History.HistoryRows.Write(_db.Database, rows);
        Assert.True(rows[0].Values.Span[ScalarMetrics.DiskPct.Index] > 0);
    }

    public void Dispose() => _db.Dispose();
}
