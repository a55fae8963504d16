using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Maintenance;

namespace Lumen.Hub.Specs.Maintenance;

public sealed class MaintenanceScheduleSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static MaintenanceWindow Window(long id, double startHours, double endHours, Recurrence recurrence = Recurrence.None) =>
        new(id, $"w{id}", Now.AddHours(startHours), Now.AddHours(endHours), recurrence, HostPattern.Everyone, new Dictionary<string, string>(), Now.AddDays(-30));

    private static readonly MaintenanceWindow[] Windows =
    [
        Window(1, -48, -47),                    // past, older
        Window(2, -2, -1),                      // past, newer
        Window(3, 5, 6),                        // upcoming, later
        Window(4, 1, 2),                        // upcoming, sooner
        Window(5, -1, 1),                       // active
        Window(6, -24 * 7 - 3, -24 * 7 + 4, Recurrence.Weekly), // weekly: started three hours ago this week
        Window(7, -24 * 13, -24 * 13 + 1, Recurrence.Weekly),   // weekly: next in a day
    ];

    private static long[] Ids(MaintenanceState? state, int maxPast = 200) =>
        MaintenanceSchedule.List(Windows, Now, state, maxPast).Select(window => window.Id).ToArray();

    [Fact]
    public void List_should_put_running_windows_first_then_coming_ones_soonest_first_then_ended_ones_latest_first()
    {
        Assert.Equal([6, 5, 4, 3, 7, 2, 1], Ids(null));
    }

    [Fact]
    public void List_should_keep_only_the_windows_in_the_state_asked_for()
    {
        Assert.Equal([6, 5], Ids(MaintenanceState.Active));
        Assert.Equal([4, 3, 7], Ids(MaintenanceState.Upcoming));
        Assert.Equal([2, 1], Ids(MaintenanceState.Past));
    }

    [Fact]
    public void List_should_cap_the_ended_windows_keeping_the_latest()
    {
        Assert.Equal([2], Ids(MaintenanceState.Past, maxPast: 1));
    }
}
