using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// A change of one alert's state, decided where the host's frames land and recorded by the
/// alert journal: the journal's events are these, so a restart finds every countdown and
/// every firing alert where it was.
/// </summary>
public interface IAlertTransition
{
    AlertKey Key { get; }
    DateTimeOffset At { get; }
}

/// <summary>A breach began; it fires once it has lasted the rule's <c>for_seconds</c>.</summary>
public sealed record PendingStarted(AlertKey Key, DateTimeOffset At) : IAlertTransition;

/// <summary>A breach ended before it lasted long enough to fire.</summary>
public sealed record PendingCleared(AlertKey Key, DateTimeOffset At) : IAlertTransition;

/// <summary>
/// The alert fires: an event is recorded with these facts. <see cref="Suppressed"/> when the
/// host is silenced, in maintenance or the rule is cooling down: recorded, nothing sent.
/// <see cref="ResolvedAtOnce"/> for a one-off (a reboot), which is over as it is recorded.
/// <see cref="EventId"/> is given by the journal.
/// </summary>
public sealed record AlertFired(AlertKey Key, DateTimeOffset At, AlertFacts Facts, bool Suppressed, bool ResolvedAtOnce) : IAlertTransition
{
    public long EventId { get; init; }
}

/// <summary>The alert is over. <see cref="EventId"/> is the event it ends, filled in by the journal.</summary>
public sealed record AlertResolved(AlertKey Key, DateTimeOffset At, double? Value, string Message, bool Suppressed) : IAlertTransition
{
    public long EventId { get; init; }
}

/// <summary>What an event says: the rule and host by name as they are now, the value that breached, and a sentence for people.</summary>
public sealed record AlertFacts(
    string RuleName, string HostName, string Metric, AlertSeverity Severity, double? Value, double? Threshold, string Message);
