using Lumen.Hub.Alerts.Engine;

namespace Lumen.Hub.Alerts.Journal;

/// <summary>
/// The alert journal's state, pure: every alert that is pending, firing or cooling down, with
/// the id of its event, and the next event id to give. <see cref="Accept"/> says what of a
/// host's transition is worth recording (a second "fired" for a firing alert is not);
/// <see cref="Apply"/> plays a recorded one, as it happens and again on recovery.
/// </summary>
public sealed class AlertLedger
{
    /// <summary>How long an alert that fired is remembered for its rule's cooldown; rules allow no longer.</summary>
    public static readonly TimeSpan LongestCooldown = TimeSpan.FromDays(7);

    private readonly Dictionary<AlertKey, Entry> _entries = [];

    public long NextEventId { get; private set; } = 1;

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<AlertKey, Entry>> Entries => _entries;

    /// <summary>One alert as recorded: its state and the id of the event that is (or was last) firing.</summary>
    public sealed record Entry(RuleState State, long EventId);

    /// <summary>Starts event ids above any already in the events table (an import, a lost snapshot).</summary>
    public void EnsureEventIdsAbove(long maxExisting) => NextEventId = Math.Max(NextEventId, maxExisting + 1);

    /// <returns>the transition to record (with its event id, taken here), or null when it changes nothing.</returns>
    public IAlertTransition? Accept(IAlertTransition transition)
    {
        _entries.TryGetValue(transition.Key, out var entry);
        return transition switch
        {
            PendingStarted when entry?.State.IsFiring == true => null,
            PendingCleared when entry?.State.PendingSince is null => null,
            AlertFired fired when fired.ResolvedAtOnce => fired with { EventId = NextEventId++ },
            AlertFired when entry?.State.IsFiring == true => null,
            AlertFired fired => fired with { EventId = NextEventId++ },
            AlertResolved when entry?.State.IsFiring != true => null,
            AlertResolved resolved => resolved with { EventId = entry!.EventId },
            _ => transition,
        };
    }

    public void Apply(IAlertTransition recorded)
    {
        var key = recorded.Key;
        var entry = _entries.GetValueOrDefault(key) ?? new Entry(new RuleState(), 0);
        switch (recorded)
        {
            case PendingStarted started:
                entry.State.PendingSince = started.At;
                break;
            case PendingCleared:
                entry.State.PendingSince = null;
                break;
            case AlertFired fired:
                NextEventId = Math.Max(NextEventId, fired.EventId + 1);
                if (fired.ResolvedAtOnce) return;
                entry = new Entry(entry.State, fired.EventId);
                (entry.State.FiringSince, entry.State.LastFiredAt, entry.State.PendingSince, entry.State.Suppressed) = (fired.At, fired.At, null, fired.Suppressed);
                break;
            case AlertResolved:
                entry.State.FiringSince = null;
                break;
        }
        if (entry.State.IsIdle) _entries.Remove(key);
        else _entries[key] = entry;
    }

    /// <summary>Forgets when idle alerts last fired once no rule could still be cooling down from it.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries.ToList())
            if (entry.State is { PendingSince: null, FiringSince: null } && now - entry.State.LastFiredAt > LongestCooldown)
                _entries.Remove(key);
    }

    /// <summary>Every remembered alert, by host, for the host actors after a start.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>> ByHost() =>
        _entries.GroupBy(entry => entry.Key.HostId)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<KeyValuePair<AlertKey, RuleState>>)
                [.. group.Select(entry => new KeyValuePair<AlertKey, RuleState>(entry.Key, entry.Value.State with { }))]);

    /// <summary>The transitions that end every alert whose rule or host no longer exists.</summary>
    public IReadOnlyList<IAlertTransition> Orphans(IReadOnlySet<long> ruleIds, IReadOnlySet<long> hostIds, DateTimeOffset now)
    {
        var ended = new List<IAlertTransition>();
        foreach (var (key, entry) in _entries)
        {
            if (ruleIds.Contains(key.RuleId) && hostIds.Contains(key.HostId)) continue;
            var why = hostIds.Contains(key.HostId) ? "its rule was deleted or disabled" : "its host was removed";
            if (entry.State.IsFiring) ended.Add(new AlertResolved(key, now, null, why, Suppressed: false));
            else if (entry.State.PendingSince is not null) ended.Add(new PendingCleared(key, now));
        }
        return ended;
    }

    /// <summary>The whole state as a snapshot.</summary>
    public AlertLedgerSnapshot ToSnapshot() => new(NextEventId,
        [.. _entries.Select(entry => new AlertLedgerSnapshot.Item(entry.Key, entry.Value.State with { }, entry.Value.EventId))]);

    public static AlertLedger From(AlertLedgerSnapshot snapshot)
    {
        var ledger = new AlertLedger { NextEventId = snapshot.NextEventId };
        foreach (var item in snapshot.Items) ledger._entries[item.Key] = new Entry(item.State with { }, item.EventId);
        return ledger;
    }
}

/// <summary>The alert ledger as saved in the snapshot store.</summary>
public sealed record AlertLedgerSnapshot(long NextEventId, IReadOnlyList<AlertLedgerSnapshot.Item> Items)
{
    public sealed record Item(AlertKey Key, RuleState State, long EventId);
}
