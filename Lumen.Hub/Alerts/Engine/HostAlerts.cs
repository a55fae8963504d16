using Lumen.Hub.Alerts.Rules;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// Every alert of one host, judged where its frames land: which rules watch the host, the
/// state of each alert, and the baselines the timers and one-offs need (when the host was last
/// heard from, when it booted, its disk trend). Pure: frames, instants and policies go in,
/// <see cref="IAlertTransition"/>s come out; the actor around it owns the timer.
/// </summary>
public sealed class HostAlerts
{
    /// <summary>An <c>offline</c> rule never fires sooner than this, whatever its <c>for_seconds</c>.</summary>
    public static readonly TimeSpan MinOfflineWindow = TimeSpan.FromSeconds(60);

    /// <summary>How far a boot time may move between frames without counting as a reboot (clock steps, rounding).</summary>
    public static readonly TimeSpan BootTolerance = TimeSpan.FromSeconds(60);

    private readonly long _hostId;
    private readonly AlertDescriber _describe;
    private string _name;
    private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string>();
    private DateTimeOffset? _silencedUntil;
    private MaintenanceCheck _maintenance = AlertPolicy.NoMaintenance;
    private AlertRule[] _rules = [];
    private RuleState?[] _states = [];
    private ContainerWatch?[] _containers = [];
    private DiskTrend? _disk;
    private DateTimeOffset _lastSeen;
    private bool _seenSinceStart;
    private DateTimeOffset? _bootedAt;
    private bool _forecastsDisk;
    private IngestFrame? _unjudged;
    private bool _ready;

    /// <param name="startedAt">when the hub began to listen for this host: an <c>offline</c> window counts from here until its first frame.</param>
    public HostAlerts(long hostId, string name, DateTimeOffset startedAt)
    {
        (_hostId, _name, _lastSeen) = (hostId, name, startedAt);
        _describe = new AlertDescriber(() => _name);
    }

    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>When <see cref="Tick"/> has something to judge: the first <c>offline</c> window to run out.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            if (!_ready) return null;
            DateTimeOffset? next = null;
            for (var i = 0; i < _rules.Length; i++)
                if (_rules[i].Metric.Kind == AlertKind.Offline && _states[i] is not { IsFiring: true })
                {
                    var due = _lastSeen + OfflineWindow(_rules[i]);
                    if (next is null || due < next) next = due;
                }
            return next;
        }
    }

    public static TimeSpan OfflineWindow(AlertRule rule) => rule.For > MinOfflineWindow ? rule.For : MinOfflineWindow;

    public void Rename(string name) => _name = name;

    public IReadOnlyList<IAlertTransition> Silence(DateTimeOffset? until)
    {
        _silencedUntil = until;
        return [];
    }

    /// <summary>Takes a new policy: the rules that now watch this host keep their state by rule id; alerts of rules gone end.</summary>
    public IReadOnlyList<IAlertTransition> Apply(AlertPolicy policy, DateTimeOffset now)
    {
        List<IAlertTransition>? output = null;
        if (policy.Hosts.TryGetValue(_hostId, out var facts))
        {
            (_name, _tags, _silencedUntil) = (facts.Name, facts.Tags, facts.SilencedUntil);
            _bootedAt ??= facts.BootedAt;
            if (_disk is null && facts.DiskHistory.Count > 0)
            {
                _disk = new DiskTrend();
                foreach (var (at, pct) in facts.DiskHistory) _disk.Add(at, pct);
            }
        }
        _maintenance = policy.InMaintenance;
        var watching = facts is null ? [] : policy.Rules.Where(rule => rule.Enabled && rule.Watches(_name, _tags)).OrderBy(rule => rule.Id).ToArray();
        Realign(watching, now, ref output);
        if (policy.Recovered?.GetValueOrDefault(_hostId) is { } recovered) Seed(recovered, now);
        _ready = true;
        if (_unjudged is { } frame)
        {
            _unjudged = null;
            Judge(frame, now, ref output);
        }
        return output ?? (IReadOnlyList<IAlertTransition>)[];
    }

    /// <summary>A frame that became the host's latest, received at <paramref name="receivedAt"/> by the hub's clock.</summary>
    public IReadOnlyList<IAlertTransition> Observe(IngestFrame frame, DateTimeOffset receivedAt)
    {
        List<IAlertTransition>? output = null;
        if (!_ready) _unjudged = frame;
        else Judge(frame, receivedAt, ref output);
        if (receivedAt > _lastSeen || !_seenSinceStart) _lastSeen = receivedAt;
        _seenSinceStart = true;
        return output ?? (IReadOnlyList<IAlertTransition>)[];
    }

    /// <summary>Fires the <c>offline</c> alerts whose window has run out by <paramref name="now"/>.</summary>
    public IReadOnlyList<IAlertTransition> Tick(DateTimeOffset now)
    {
        List<IAlertTransition>? output = null;
        if (!_ready) return [];
        var muted = IsMuted(now);
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.Metric.Kind != AlertKind.Offline || _states[i] is { IsFiring: true } || now - _lastSeen < OfflineWindow(rule)) continue;
            var silentFor = _seenSinceStart ? (now - _lastSeen).TotalSeconds : -1;
            // The window itself is the hold: a countdown of for_seconds would count it twice.
            var state = _states[i] ?? new RuleState();
            state.PendingSince = now - rule.For;
            _states[i] = AlertStep.Judge(rule, Key(rule), state, new Judgement(true, silentFor, now, muted), _describe, ref output);
        }
        return output ?? (IReadOnlyList<IAlertTransition>)[];
    }

    private void Judge(IngestFrame frame, DateTimeOffset now, ref List<IAlertTransition>? output)
    {
        var muted = IsMuted(now);
        var booted = BootTime(frame, now);
        if (_disk is not null || _forecastsDisk) (_disk ??= new DiskTrend()).Add(now, frame[ScalarMetrics.DiskPct]);
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            switch (rule.Metric.Kind)
            {
                case AlertKind.Scalar:
                    var value = frame[rule.Metric.Scalar!];
                    // The common case, an idle rule and no breach, costs one comparison.
                    if (_states[i] is null && !rule.IsBreachedBy(value)) break;
                    _states[i] = AlertStep.Judge(rule, Key(rule), _states[i], new Judgement(rule.IsBreachedBy(value), value, now, muted), _describe, ref output);
                    break;
                case AlertKind.Offline:
                    var offlineFor = _seenSinceStart ? (now - _lastSeen).TotalSeconds : 0;
                    _states[i] = AlertStep.Judge(rule, Key(rule), _states[i], new Judgement(false, offlineFor, now, muted), _describe, ref output);
                    break;
                case AlertKind.ContainerDown when frame.Containers is { } containers:
                    (_containers[i] ??= new ContainerWatch()).Observe(rule, _hostId, containers, new Judgement(false, null, now, muted), _describe, ref output);
                    break;
                case AlertKind.HostRebooted when booted is { } boot && _bootedAt is { } before && boot - before > BootTolerance:
                    var uptime = (now - boot).TotalSeconds;
                    (output ??= []).Add(new AlertFired(Key(rule), now, _describe.Fired(rule, Key(rule), uptime, TimeSpan.Zero), muted, ResolvedAtOnce: true));
                    break;
                case AlertKind.DiskFullHours when _disk!.HoursUntilFull(now, frame[ScalarMetrics.DiskPct]) is { } hours:
                    var forecast = double.IsFinite(hours) ? Math.Round(hours, 1) : (double?)null;
                    _states[i] = AlertStep.Judge(rule, Key(rule), _states[i], new Judgement(hours < rule.Threshold, forecast, now, muted), _describe, ref output);
                    break;
            }
        }
        if (booted is { } newBoot && (_bootedAt is null || newBoot - _bootedAt > BootTolerance)) _bootedAt = newBoot;
    }

    private void Realign(AlertRule[] watching, DateTimeOffset now, ref List<IAlertTransition>? output)
    {
        var states = new RuleState?[watching.Length];
        var containers = new ContainerWatch?[watching.Length];
        var muted = IsMuted(now);
        for (var old = 0; old < _rules.Length; old++)
        {
            var rule = _rules[old];
            var kept = Array.FindIndex(watching, r => r.Id == rule.Id && r.Metric == rule.Metric);
            if (kept >= 0)
            {
                (states[kept], containers[kept]) = (_states[old], _containers[old]);
                continue;
            }
            const string why = "the rule no longer watches this host (changed, disabled or deleted)";
            AlertStep.End(Key(rule), _states[old], why, now, muted, ref output);
            _containers[old]?.EndAll(rule, _hostId, why, now, muted, ref output);
        }
        (_rules, _states, _containers) = (watching, states, containers);
        _forecastsDisk = Array.Exists(watching, rule => rule.Metric.Kind == AlertKind.DiskFullHours);
    }

    private void Seed(IReadOnlyList<KeyValuePair<AlertKey, RuleState>> recovered, DateTimeOffset now)
    {
        foreach (var (key, state) in recovered)
        {
            var i = Array.FindIndex(_rules, rule => rule.Id == key.RuleId);
            if (i < 0) continue;
            if (key.Subject.Length == 0) _states[i] = state;
            else (_containers[i] ??= new ContainerWatch()).Seed(key.Subject, state, now);
        }
    }

    /// <summary>When the host booted by this frame: the hub's receiving time less the uptime the agent reports.</summary>
    private static DateTimeOffset? BootTime(IngestFrame frame, DateTimeOffset receivedAt) =>
        frame.System is { UptimeSeconds: > 0 } system ? receivedAt - TimeSpan.FromSeconds(system.UptimeSeconds) : null;

    private bool IsMuted(DateTimeOffset now) => _silencedUntil > now || _maintenance(_name, _tags, now);

    private AlertKey Key(AlertRule rule) => new(rule.Id, _hostId, "");
}
