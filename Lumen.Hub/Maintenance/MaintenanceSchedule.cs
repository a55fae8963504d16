namespace Lumen.Hub.Maintenance;

/// <summary>Which windows a list shows, in the order it shows them.</summary>
public static class MaintenanceSchedule
{
    /// <summary>
    /// The windows in <paramref name="state"/> (null: all) at <paramref name="now"/>: running
    /// ones by the start of their current occurrence, then coming ones by their next start,
    /// soonest first, then at most <paramref name="maxPast"/> ended ones, latest start first.
    /// </summary>
    public static IReadOnlyList<MaintenanceWindow> List(IEnumerable<MaintenanceWindow> windows, DateTimeOffset now, MaintenanceState? state, int maxPast)
    {
        var byState = windows.ToLookup(window => window.StateAt(now));
        IEnumerable<MaintenanceWindow> Current(MaintenanceState wanted) =>
            byState[wanted].OrderBy(window => window.OccurrenceAt(now)!.Value.Start).ThenBy(window => window.Id);
        var past = byState[MaintenanceState.Past].OrderByDescending(window => window.StartAt).ThenByDescending(window => window.Id).Take(maxPast);

        return state switch
        {
            MaintenanceState.Active => Current(MaintenanceState.Active).ToList(),
            MaintenanceState.Upcoming => Current(MaintenanceState.Upcoming).ToList(),
            MaintenanceState.Past => past.ToList(),
            _ => [.. Current(MaintenanceState.Active), .. Current(MaintenanceState.Upcoming), .. past],
        };
    }
}
