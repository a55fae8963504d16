using Lumen.Hub.Alerts.Engine;

namespace Lumen.Hub.Alerts.Journal;

/// <summary>What the alert journal is told and asked.</summary>
public static class AlertJournalMessages
{
    /// <summary>A host's transitions, in the order they happened; the journal records what changes something.</summary>
    public sealed record Record(IReadOnlyList<IAlertTransition> Transitions);

    /// <summary>End every alert whose rule is not among <paramref name="RuleIds"/> or whose host is not among <paramref name="HostIds"/>.</summary>
    public sealed record EndOrphans(IReadOnlySet<long> RuleIds, IReadOnlySet<long> HostIds, DateTimeOffset Now);

    /// <summary>Answered with <see cref="Recovered"/> once the journal has read itself back.</summary>
    public sealed record GetRecovered
    {
        public static readonly GetRecovered Instance = new();
    }

    /// <summary>Every remembered alert by host, as the journal read it back at start.</summary>
    public sealed record Recovered(IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>> ByHost);
}
