using Lumen.Hub.Maintenance;

namespace Lumen.Hub.Specs.Maintenance;

public sealed class MaintenanceDraftSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static MaintenanceRequest Request() => new()
    {
        StartAt = "2026-11-28T02:00:00+01:00",
        EndAt = "2026-11-28T04:00:00.1234Z",
        Reason = "  kernel update  ",
        Recurrence = "weekly",
        Host = " nas , web-* ",
        ScopeTags = new() { ["env"] = "prod" },
    };

    [Fact]
    public void Check_should_make_a_window_in_utc_to_the_millisecond_with_its_fields_tidied()
    {
        var (window, error) = MaintenanceDraft.Check(Request(), Now);

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), window!.StartAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 4, 0, 0, 123, TimeSpan.Zero), window.EndAt);
        Assert.Equal("kernel update", window.Reason);
        Assert.Equal(Recurrence.Weekly, window.Recurrence);
        Assert.Equal("nas,web-*", window.Host.Text);
        Assert.Equal("prod", window.ScopeTags["env"]);
        Assert.Equal(Now, window.CreatedAt);
    }

    [Fact]
    public void Check_should_default_to_a_one_off_window_for_every_host_and_no_reason()
    {
        var (window, error) = MaintenanceDraft.Check(new MaintenanceRequest { StartAt = "2026-11-28T01:00:00Z", EndAt = "2026-12-28T01:00:00Z" }, Now);

        Assert.Null(error);
        Assert.Equal(Recurrence.None, window!.Recurrence);
        Assert.True(window.Host.IsEveryone);
        Assert.Empty(window.ScopeTags);
        Assert.Equal("", window.Reason);
    }

    [Theory]
    [InlineData(nameof(MaintenanceRequest.StartAt), null, "start_at is required")]
    [InlineData(nameof(MaintenanceRequest.StartAt), "2026-11-28", "start_at '2026-11-28' is not an RFC 3339 time")]
    [InlineData(nameof(MaintenanceRequest.EndAt), null, "end_at is required")]
    [InlineData(nameof(MaintenanceRequest.EndAt), "2026-11-28T02:00:00+01:00", "end_at (2026-11-28T01:00:00Z) must be after start_at (2026-11-28T01:00:00Z)")]
    [InlineData(nameof(MaintenanceRequest.EndAt), "2026-12-05T01:00:00Z", "end_at must be less than 7 days after start_at for a weekly window")]
    [InlineData(nameof(MaintenanceRequest.Recurrence), "daily", "recurrence must be 'none' or 'weekly'; got 'daily'")]
    [InlineData(nameof(MaintenanceRequest.Host), "web-[0-9", "host: host pattern 'web-[0-9' has a '[' without its ']'")]
    public void Check_should_name_the_field_that_is_wrong(string field, string? value, string error)
    {
        var request = Request();
        typeof(MaintenanceRequest).GetProperty(field)!.SetValue(request, value);

        var (window, message) = MaintenanceDraft.Check(request, Now);

        Assert.Null(window);
        Assert.StartsWith(error, message);
    }

    [Fact]
    public void Check_should_refuse_a_reason_longer_than_256_characters()
    {
        var request = Request();
        request.Reason = new string('x', 257);

        Assert.Equal("reason is longer than 256 characters", MaintenanceDraft.Check(request, Now).Error);
    }

    [Theory]
    [InlineData("bad key", "x", "scope_tags: tag key 'bad key' may only hold")]
    [InlineData("env", "a,b", "scope_tags: tag 'env' value may not contain '=' or ','")]
    [InlineData("env", null, "scope_tags: tag 'env' needs a string value")]
    public void Check_should_refuse_scope_tags_a_host_could_not_carry(string key, string? value, string error)
    {
        var request = Request();
        request.ScopeTags = new() { [key] = value };

        Assert.StartsWith(error, MaintenanceDraft.Check(request, Now).Error);
    }
}
