using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>One judgement of one alert: a breach or not, at an instant (what a breach or a recovery says comes from <see cref="AlertText"/>).</summary>
public readonly record struct Judgement(bool Breach, double? Value, DateTimeOffset Now, bool Muted);

/// <summary>
/// The state machine every alert follows, pure: a breach starts a countdown, fires once it has
/// lasted the rule's <c>for_seconds</c> (suppressed while muted or within the cooldown), and
/// the first reading without a breach resolves it, or clears a countdown that never fired.
/// </summary>
public static class AlertStep
{
    /// <returns>the alert's state after the judgement, or null when it keeps none.</returns>
    public static RuleState? Judge(AlertRule rule, AlertKey key, RuleState? state, in Judgement judged, AlertDescriber describe, ref List<IAlertTransition>? output)
    {
        var now = judged.Now;
        if (judged.Breach)
        {
            if (state is { IsFiring: true }) return state;
            state ??= new RuleState();
            if (state.PendingSince is null)
            {
                state.PendingSince = now;
                if (rule.For > TimeSpan.Zero) (output ??= []).Add(new PendingStarted(key, now));
            }
            var held = now - state.PendingSince.Value;
            if (held < rule.For) return state;
            var cooling = rule.Cooldown > TimeSpan.Zero && state.LastFiredAt is { } last && now - last < rule.Cooldown;
            var suppressed = judged.Muted || cooling;
            (output ??= []).Add(new AlertFired(key, now, describe.Fired(rule, key, judged.Value, held), suppressed, ResolvedAtOnce: false));
            (state.FiringSince, state.LastFiredAt, state.PendingSince, state.Suppressed) = (now, now, null, suppressed);
            return state;
        }

        if (state is null) return null;
        if (state.FiringSince is { } since)
        {
            (output ??= []).Add(new AlertResolved(key, now, judged.Value, describe.Resolved(rule, key, judged.Value, now - since), judged.Muted));
            state.FiringSince = null;
        }
        else if (state.PendingSince is not null)
        {
            (output ??= []).Add(new PendingCleared(key, now));
        }
        state.PendingSince = null;
        if (rule.Cooldown == TimeSpan.Zero || state.LastFiredAt is { } fired && now - fired >= rule.Cooldown) state.LastFiredAt = null;
        return state.IsIdle ? null : state;
    }

    /// <summary>Ends a firing alert (or a countdown) whatever the reading: its rule went away, or its subject did.</summary>
    public static void End(AlertKey key, RuleState? state, string why, DateTimeOffset now, bool muted, ref List<IAlertTransition>? output)
    {
        if (state?.FiringSince is not null) (output ??= []).Add(new AlertResolved(key, now, null, why, muted));
        else if (state?.PendingSince is not null) (output ??= []).Add(new PendingCleared(key, now));
    }
}

/// <summary>The facts and sentences of one host's events: its name now, and the wording of each kind of alert.</summary>
public sealed class AlertDescriber(Func<string> hostName)
{
    public AlertFacts Fired(AlertRule rule, AlertKey key, double? value, TimeSpan held) =>
        Facts(rule, value, rule.Metric.Kind switch
        {
            AlertKind.Offline => value is { } seconds && seconds >= 0
                ? $"offline: no frame for {AlertText.Duration(TimeSpan.FromSeconds(seconds))}"
                : "offline: no frame since the hub started",
            AlertKind.ContainerDown => $"container {key.Subject} is not running",
            AlertKind.HostRebooted => $"rebooted: up {AlertText.Duration(TimeSpan.FromSeconds(value ?? 0))}",
            AlertKind.DiskFullHours => $"disk full in {AlertText.Value(rule.Metric, value ?? 0)} at the trend of the last 6 h (threshold {AlertText.Value(rule.Metric, rule.Threshold)})",
            _ => AlertText.Breach(rule, value ?? 0, held),
        });

    public string Resolved(AlertRule rule, AlertKey key, double? value, TimeSpan lasted) => rule.Metric.Kind switch
    {
        AlertKind.Offline => $"online again after {AlertText.Duration(value is > 0 ? TimeSpan.FromSeconds(value.Value) : lasted)}",
        AlertKind.ContainerDown => $"container {key.Subject} runs again after {AlertText.Duration(lasted)}",
        AlertKind.DiskFullHours => $"disk no longer filling within {AlertText.Value(rule.Metric, rule.Threshold)} after {AlertText.Duration(lasted)}",
        _ => AlertText.Recovered(rule, value ?? 0, lasted),
    };

    private AlertFacts Facts(AlertRule rule, double? value, string message) =>
        new(rule.Name, hostName(), rule.Metric.Name, rule.Severity, value, rule.Metric.HasThreshold ? rule.Threshold : null, message);
}
