using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Maintenance;

namespace Lumen.Hub.Specs.Maintenance;

public sealed class MaintenanceWindowSpecs
{
    // A Saturday, 02:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoTags = [];

    private static MaintenanceWindow Window(TimeSpan span, Recurrence recurrence = Recurrence.None, string host = "", Dictionary<string, string>? scope = null) =>
        new(1, "patching", Start, Start + span, recurrence, HostPattern.Parse(host).Pattern!, scope ?? [], Start.AddDays(-1));

    [Fact]
    public void AppliesTo_should_hold_from_the_start_up_to_but_not_at_the_end_of_a_one_off_window()
    {
        var window = Window(TimeSpan.FromHours(2));

        Assert.False(window.AppliesTo("nas", NoTags, Start.AddTicks(-1)));
        Assert.True(window.AppliesTo("nas", NoTags, Start));
        Assert.True(window.AppliesTo("nas", NoTags, Start.AddHours(2).AddTicks(-1)));
        Assert.False(window.AppliesTo("nas", NoTags, Start.AddHours(2)));
        Assert.False(window.AppliesTo("nas", NoTags, Start.AddDays(7)));
    }

    [Fact]
    public void AppliesTo_should_hold_for_the_same_span_every_seven_days_of_a_weekly_window()
    {
        var window = Window(TimeSpan.FromHours(2), Recurrence.Weekly);

        Assert.False(window.AppliesTo("nas", NoTags, Start.AddDays(-7).AddHours(1)));
        Assert.True(window.AppliesTo("nas", NoTags, Start.AddHours(1)));
        Assert.False(window.AppliesTo("nas", NoTags, Start.AddHours(3)));
        Assert.False(window.AppliesTo("nas", NoTags, Start.AddDays(6)));
        Assert.True(window.AppliesTo("nas", NoTags, Start.AddDays(7)));
        Assert.True(window.AppliesTo("nas", NoTags, Start.AddDays(70).AddHours(1).AddMinutes(59)));
        Assert.False(window.AppliesTo("nas", NoTags, Start.AddDays(70).AddHours(2)));
    }

    [Fact]
    public void AppliesTo_should_need_the_host_pattern_to_match_the_name()
    {
        var window = Window(TimeSpan.FromHours(2), host: "web-*, NAS");

        Assert.True(window.AppliesTo("web-1", NoTags, Start));
        Assert.True(window.AppliesTo("nas", NoTags, Start));
        Assert.False(window.AppliesTo("db-1", NoTags, Start));
    }

    [Fact]
    public void AppliesTo_should_need_every_scope_key_with_its_value_ignoring_case()
    {
        var window = Window(TimeSpan.FromHours(2), scope: new() { ["env"] = "Prod", ["role"] = "db" });

        Assert.True(window.AppliesTo("db-1", new Dictionary<string, string> { ["env"] = "prod", ["role"] = "DB", ["rack"] = "2" }, Start));
        Assert.False(window.AppliesTo("db-1", new Dictionary<string, string> { ["env"] = "prod" }, Start));
        Assert.False(window.AppliesTo("db-1", new Dictionary<string, string> { ["env"] = "staging", ["role"] = "db" }, Start));
        Assert.False(window.AppliesTo("db-1", new Dictionary<string, string> { ["ENV"] = "prod", ["role"] = "db" }, Start));
    }

    [Fact]
    public void AppliesTo_should_need_both_the_host_pattern_and_the_scope()
    {
        var window = Window(TimeSpan.FromHours(2), host: "db-*", scope: new() { ["env"] = "prod" });
        var prod = new Dictionary<string, string> { ["env"] = "prod" };

        Assert.True(window.AppliesTo("db-1", prod, Start));
        Assert.False(window.AppliesTo("web-1", prod, Start));
        Assert.False(window.AppliesTo("db-1", NoTags, Start));
    }

    [Fact]
    public void StateAt_should_say_upcoming_active_then_past_for_a_one_off_window()
    {
        var window = Window(TimeSpan.FromHours(2));

        Assert.Equal(MaintenanceState.Upcoming, window.StateAt(Start.AddMinutes(-1)));
        Assert.Equal(MaintenanceState.Active, window.StateAt(Start.AddMinutes(1)));
        Assert.Equal(MaintenanceState.Past, window.StateAt(Start.AddHours(2)));
    }

    [Fact]
    public void StateAt_should_never_say_past_for_a_weekly_window()
    {
        var window = Window(TimeSpan.FromHours(2), Recurrence.Weekly);

        Assert.Equal(MaintenanceState.Upcoming, window.StateAt(Start.AddDays(365).AddHours(3)));
        Assert.Equal(MaintenanceState.Active, window.StateAt(Start.AddDays(364)));
    }

    [Fact]
    public void OccurrenceAt_should_give_the_next_occurrence_between_two_of_a_weekly_window()
    {
        var window = Window(TimeSpan.FromHours(2), Recurrence.Weekly);

        Assert.Equal((Start.AddDays(14), Start.AddDays(14).AddHours(2)), window.OccurrenceAt(Start.AddDays(10)));
        Assert.Equal((Start.AddDays(14), Start.AddDays(14).AddHours(2)), window.OccurrenceAt(Start.AddDays(14).AddHours(1)));
        Assert.Equal((Start, Start.AddHours(2)), window.OccurrenceAt(Start.AddDays(-3)));
        Assert.Null(Window(TimeSpan.FromHours(2)).OccurrenceAt(Start.AddDays(10)));
    }
}
