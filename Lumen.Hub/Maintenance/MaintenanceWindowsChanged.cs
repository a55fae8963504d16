namespace Lumen.Hub.Maintenance;

/// <summary>
/// Published on the actor system's event stream after a maintenance window was added, changed
/// or removed: whoever holds the windows (the alert engine) reloads them from
/// <see cref="MaintenanceStore.LoadAll"/>.
/// </summary>
public sealed record MaintenanceWindowsChanged
{
    public static readonly MaintenanceWindowsChanged Instance = new();

    private MaintenanceWindowsChanged() { }
}
