using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Journal;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Tags;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Alerts;

/// <summary>
/// Keeps every host actor's <see cref="AlertPolicy"/> equal to the tables: the rules, the
/// maintenance windows and what the hub knows of each host. It loads them at start (with the
/// states the journal read back) and again whenever one changes, sends the policy to every
/// host through the hosts actor, and has the journal end the alerts of rules and hosts that
/// are gone. A change arriving during a load makes one more load, not one per change.
/// </summary>
public sealed class AlertPolicyActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AlertPolicySource _source;
    private readonly IActorRef _hosts;
    private readonly IActorRef _journal;
    private IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>>? _recovered;
    private long _version;
    private bool _loading;
    private bool _stale;

    public AlertPolicyActor(AlertPolicySource source, IActorRef hosts, IActorRef journal)
    {
        (_source, _hosts, _journal) = (source, hosts, journal);

        Receive<AlertJournalMessages.Recovered>(recovered =>
        {
            _recovered = recovered.ByHost;
            Become(Running);
            Load();
        });
        ReceiveAny(_ => _stale = true);
    }

    protected override void PreStart()
    {
        var events = Context.System.EventStream;
        events.Subscribe(Self, typeof(AlertRulesChanged));
        events.Subscribe(Self, typeof(HostsTableChanged));
        foreach (var change in _source.MoreChanges) events.Subscribe(Self, change);
        // Nothing is judged before the journal has read back what was pending and firing.
        _journal.Tell(AlertJournalMessages.GetRecovered.Instance);
    }

    private void Running()
    {
        Receive<Loaded>(loaded =>
        {
            _loading = false;
            var policy = loaded.Policy with { Version = ++_version, Recovered = _recovered };
            _recovered = null;
            _hosts.Tell(new TellEveryHost(policy, policy.Hosts.ToDictionary(h => new HostId(h.Key), h => h.Value.Name)));
            _journal.Tell(new AlertJournalMessages.EndOrphans(
                policy.Rules.Where(rule => rule.Enabled).Select(rule => rule.Id).ToHashSet(), policy.Hosts.Keys.ToHashSet(), loaded.At));
            if (_stale) Load();
        });
        Receive<Status.Failure>(failure =>
        {
            _loading = false;
            _log.Warning("Could not read the alert rules and hosts ({0}); hosts keep the rules they have, and the next change tries again. If this repeats, check the database file", failure.Cause.Message);
        });
        ReceiveAny(_ => Load());
    }

    private void Load()
    {
        if (_loading)
        {
            _stale = true;
            return;
        }
        (_loading, _stale) = (true, false);
        var source = _source;
        Task.Run<object>(() => new Loaded(source.Load(), source.Now)).PipeTo(Self);
    }

    private sealed record Loaded(AlertPolicy Policy, DateTimeOffset At);

    public static Props Props(AlertPolicySource source, IActorRef hosts, IActorRef journal) =>
        Akka.Actor.Props.Create(() => new AlertPolicyActor(source, hosts, journal));
}

/// <summary>The alert rules changed (written through the API): every host needs the new set.</summary>
public sealed record AlertRulesChanged
{
    public static readonly AlertRulesChanged Instance = new();
}

/// <summary>
/// Reads an <see cref="AlertPolicy"/> from the tables: the rules, every host with its tags,
/// silence, last-seen and boot time, the disk history of hosts a forecast rule watches, and the
/// maintenance check. <see cref="MoreChanges"/> are the event-stream messages, beyond rule and
/// host changes, after which it must be read again.
/// </summary>
public sealed class AlertPolicySource(AlertRuleStore rules, HostStore hosts, HistoryStore history, MaintenanceStore maintenance, TimeProvider clock)
{
    public IReadOnlyList<Type> MoreChanges { get; } = [typeof(MaintenanceWindowsChanged), typeof(TagsChanged)];

    public DateTimeOffset Now => clock.GetUtcNow();

    public AlertPolicy Load()
    {
        var now = clock.GetUtcNow();
        var allRules = rules.List().Where(rule => rule.Enabled).ToList();
        var silences = hosts.LoadSilences();
        var forecasting = allRules.Where(rule => rule.Metric.Kind == AlertKind.DiskFullHours).ToList();
        var facts = new Dictionary<long, AlertHostFacts>();
        foreach (var details in hosts.ListDetails())
        {
            var host = details.Host;
            var booted = details.System is { UptimeSeconds: > 0 } system && host.LastSeenAt is { } seen ? seen - TimeSpan.FromSeconds(system.UptimeSeconds) : (DateTimeOffset?)null;
            var disk = forecasting.Any(rule => rule.Watches(host.Name, details.Tags)) ? DiskHistory(host.Id, now) : [];
            DateTimeOffset? silencedUntil = silences.TryGetValue(host.Id, out var until) ? until : null;
            facts[host.Id.Value] = new AlertHostFacts(host.Name, details.Tags, silencedUntil, host.LastSeenAt, booted, disk);
        }
        return new AlertPolicy(0, allRules, Maintenance(), facts, null);
    }

    /// <summary>
    /// Whether any window applies to a host at an instant. A window that cannot be read stops
    /// the load (and the hosts keep their rules) rather than being taken to cover every host.
    /// </summary>
    private MaintenanceCheck Maintenance()
    {
        var windows = maintenance.LoadAll();
        if (windows.Count == 0) return AlertPolicy.NoMaintenance;
        return (hostName, tags, now) => windows.Any(window => window.AppliesTo(hostName, tags, now));
    }

    /// <summary>The last 6 hours of <c>disk_pct</c> at the forecast's sample size, so a forecast needs no warm-up after a start.</summary>
    private IReadOnlyList<(DateTimeOffset, double)> DiskHistory(HostId host, DateTimeOffset now)
    {
        var step = (long)DiskTrend.SampleEvery.TotalMilliseconds;
        var to = now.ToUnixTimeMilliseconds();
        var from = (to - (long)DiskTrend.Window.TotalMilliseconds) / step * step;
        return [.. history.Read(host, new HistoryWindow(from, to, step)).Select(point => (point.Ts, point[ScalarMetrics.DiskPct]))];
    }
}

public static class AlertPolicyActorWiring
{
    /// <summary>Needs the hosts actor and the alert journal registered first.</summary>
    public static AkkaConfigurationBuilder AddAlertPolicy(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<AlertPolicyActor>(system.ActorOf(
            AlertPolicyActor.Props(services.GetRequiredService<AlertPolicySource>(), registry.Get<HostsActor>(), registry.Get<AlertJournalActor>()),
            "alert-policy")));
}
