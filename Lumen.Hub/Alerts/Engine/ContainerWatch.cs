using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Hosts.Matching;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// One <c>container_down</c> rule on one host: the containers (matching the rule's glob) seen
/// running, and an alert per container that is gone or not running. A container gone for
/// <see cref="ForgetAfter"/> is no longer watched (removed on purpose, most likely), and its
/// alert ends.
/// </summary>
public sealed class ContainerWatch
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    private readonly Dictionary<string, DateTimeOffset> _lastRunning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleState> _states = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, RuleState> States => _states;

    /// <summary>A state read back after a restart: its container is watched again from now.</summary>
    public void Seed(string container, RuleState state, DateTimeOffset now)
    {
        _states[container] = state;
        _lastRunning.TryAdd(container, now);
    }

    public void Observe(AlertRule rule, long hostId, ContainerSample[] containers, in Judgement at, AlertDescriber describe, ref List<IAlertTransition>? output)
    {
        var now = at.Now;
        _running.Clear();
        foreach (var container in containers)
            if (container.State == "running" && Watches(rule, container.Name)) _running.Add(container.Name);
        foreach (var name in _running) _lastRunning[name] = now;

        List<string>? forgotten = null;
        foreach (var (name, lastRunning) in _lastRunning)
        {
            var key = new AlertKey(rule.Id, hostId, name);
            _states.TryGetValue(name, out var state);
            if (!_running.Contains(name) && now - lastRunning > ForgetAfter)
            {
                AlertStep.End(key, state, $"container {name} gone for {AlertText.Duration(ForgetAfter)}: no longer watched", now, at.Muted, ref output);
                (forgotten ??= []).Add(name);
                _states.Remove(name);
                continue;
            }
            var next = AlertStep.Judge(rule, key, state, at with { Breach = !_running.Contains(name), Value = null }, describe, ref output);
            if (next is null) _states.Remove(name);
            else _states[name] = next;
        }
        if (forgotten is not null) foreach (var name in forgotten) _lastRunning.Remove(name);
    }

    /// <summary>Ends every alert of this watch (its rule went away).</summary>
    public void EndAll(AlertRule rule, long hostId, string why, DateTimeOffset now, bool muted, ref List<IAlertTransition>? output)
    {
        foreach (var (name, state) in _states) AlertStep.End(new AlertKey(rule.Id, hostId, name), state, why, now, muted, ref output);
        _states.Clear();
        _lastRunning.Clear();
    }

    private static bool Watches(AlertRule rule, string name) => rule.Container.Length == 0 || Glob.Matches(rule.Container, name);
}
