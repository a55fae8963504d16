using Lumen.Hub.Hosts.Matching;

namespace Lumen.Hub.Maintenance;

/// <summary>Whether a maintenance window happens once or again every week.</summary>
public enum Recurrence
{
    None,
    Weekly,
}

/// <summary>Where a window stands at a given instant: running, still to come, or over for good.</summary>
public enum MaintenanceState
{
    Active,
    Upcoming,
    Past,
}

/// <summary>
/// A maintenance window: while it runs, alerts of the hosts it covers are recorded suppressed
/// (nobody is told). It runs from <see cref="StartAt"/> (inclusive) to <see cref="EndAt"/> (exclusive),
/// once, or with <see cref="Recurrence.Weekly"/> again every 7 days from that first occurrence,
/// for ever (its span is then shorter than a week). Weeks are counted in UTC, 7 × 24 h: the
/// hub knows no one's time zone, so a weekly window set in a zone with summer time runs an hour
/// earlier or later by the local clock for half the year. It covers a host when
/// <see cref="Host"/> matches its name (empty: every host) and every <see cref="ScopeTags"/> key
/// is one of the host's tags with a value equal ignoring case, as the Go hub compares them.
/// </summary>
public sealed record MaintenanceWindow(
    long Id,
    string Reason,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    Recurrence Recurrence,
    HostPattern Host,
    IReadOnlyDictionary<string, string> ScopeTags,
    DateTimeOffset CreatedAt)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public TimeSpan Span => EndAt - StartAt;

    /// <summary>Whether the window covers the host and is running at <paramref name="now"/>.</summary>
    public bool AppliesTo(string hostName, IReadOnlyDictionary<string, string> tags, DateTimeOffset now) =>
        IsActiveAt(now) && Covers(hostName, tags);

    /// <summary>Whether the window is about the host at all, whenever it runs.</summary>
    public bool Covers(string hostName, IReadOnlyDictionary<string, string> tags)
    {
        if (!Host.Matches(hostName)) return false;
        foreach (var (key, value) in ScopeTags)
            if (!tags.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    public bool IsActiveAt(DateTimeOffset now) => OccurrenceAt(now) is { } occurrence && occurrence.Start <= now;

    public MaintenanceState StateAt(DateTimeOffset now) => OccurrenceAt(now) switch
    {
        null => MaintenanceState.Past,
        { } occurrence when occurrence.Start <= now => MaintenanceState.Active,
        _ => MaintenanceState.Upcoming,
    };

    /// <summary>The occurrence running at <paramref name="now"/>, else the next one; null when none is left.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? OccurrenceAt(DateTimeOffset now)
    {
        if (now < StartAt) return (StartAt, EndAt);
        if (Recurrence == Recurrence.None) return now < EndAt ? (StartAt, EndAt) : null;
        var weeks = (now - StartAt).Ticks / Week.Ticks;
        var start = StartAt + TimeSpan.FromTicks(Week.Ticks * weeks);
        if (now >= start + Span) start += Week;
        return (start, start + Span);
    }
}
