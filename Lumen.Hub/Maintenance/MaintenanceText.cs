namespace Lumen.Hub.Maintenance;

/// <summary>The words the API and the table use for a window's recurrence and state.</summary>
public static class MaintenanceText
{
    public static string Recurrence(Recurrence recurrence) => recurrence == Maintenance.Recurrence.Weekly ? "weekly" : "none";

    /// <summary>"none" (or nothing) and "weekly".</summary>
    public static bool TryRecurrence(string? text, out Recurrence recurrence)
    {
        recurrence = Maintenance.Recurrence.None;
        switch (text)
        {
            case null or "" or "none":
                return true;
            case "weekly":
                recurrence = Maintenance.Recurrence.Weekly;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The list's <c>?state=</c>: active, upcoming, past, or all (null; also when absent).</summary>
    public static bool TryState(string? text, out MaintenanceState? state)
    {
        state = text switch
        {
            "active" => MaintenanceState.Active,
            "upcoming" => MaintenanceState.Upcoming,
            "past" => MaintenanceState.Past,
            _ => null,
        };
        return state is not null || text is null or "" or "all";
    }
}
