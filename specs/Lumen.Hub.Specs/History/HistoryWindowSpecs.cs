using Lumen.Hub.History;

namespace Lumen.Hub.Specs.History;

/// <summary>The window and step rules of the history API, without HTTP or a database.</summary>
public sealed class HistoryWindowSpecs
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-10T12:34:56Z");
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static readonly HistoryTiers Tiers = new(RawWindow: Week, BucketSize: TimeSpan.FromMinutes(5), ArchiveWindow: TimeSpan.FromDays(365));

    private static HistoryWindow Resolve(string? from = null, string? to = null, string? step = null, HistoryTiers? tiers = null)
    {
        var result = HistoryWindow.Resolve(new HistoryRequest(from, to, step), Now, tiers ?? Tiers);
        Assert.True(result.Window is not null, result.Error);
        return result.Window;
    }

    private static string Refused(string? from = null, string? to = null, string? step = null, HistoryTiers? tiers = null)
    {
        var result = HistoryWindow.Resolve(new HistoryRequest(from, to, step), Now, tiers ?? Tiers);
        Assert.Null(result.Window);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void Resolve_should_cover_the_last_hour_in_30_s_buckets_when_nothing_is_given()
    {
        var window = Resolve();

        Assert.Equal(Now, window.To);
        Assert.Equal(30, window.StepSeconds);
        // From an hour ago, aligned down to the 30 s bucket it falls in.
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T11:34:30Z"), window.From);
        Assert.Equal(121, window.Buckets);
    }

    [Fact]
    public void Resolve_should_cover_the_last_hour_in_whole_buckets_when_raw_rows_are_kept_less()
    {
        var window = Resolve(tiers: Tiers with { RawWindow = TimeSpan.FromMinutes(10) });

        // 11:34:56 aligned down to the 5 m bucket: before 12:24:56 only buckets are kept.
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T11:30:00Z"), window.From);
        Assert.Equal(300, window.StepSeconds);
        Assert.Equal(HistoryTier.Buckets, window.Tier);
    }

    [Fact]
    public void Resolve_should_raise_the_step_to_whole_buckets_when_the_window_reaches_past_the_raw_rows()
    {
        var tiers = Tiers with { RawWindow = Day, BucketSize = TimeSpan.FromMinutes(15) };

        var window = Resolve(from: "2026-03-08T12:00:00Z", step: "1m", tiers: tiers);

        Assert.Equal(15 * 60, window.StepSeconds);
        Assert.Equal(HistoryTier.Buckets, window.Tier);
        Assert.Equal(15 * 60 * 1000, window.BucketMs);
    }

    [Theory]
    [InlineData("2h", HistoryTier.Hours)]
    [InlineData("1h", HistoryTier.Hours)]
    [InlineData("10m", HistoryTier.Buckets)]
    [InlineData("5m", HistoryTier.Buckets)]
    [InlineData("2m", HistoryTier.Minutes)]
    [InlineData("30s", HistoryTier.Raw)]
    [InlineData("45s", HistoryTier.Raw)]
    public void Resolve_should_read_the_coarsest_tier_whose_rows_fit_whole_in_a_step(string step, HistoryTier tier)
    {
        Assert.Equal(tier, Resolve(step: step).Tier);
    }

    [Fact]
    public void Resolve_should_answer_a_year_from_hours_in_at_most_2000_points()
    {
        var window = Resolve(from: "2025-03-10T12:34:56Z", tiers: Tiers with { RawWindow = Day });

        Assert.Equal(HistoryTier.Hours, window.Tier);
        Assert.InRange(window.Buckets, 60, HistoryWindow.MaxPoints);
        Assert.Equal(0, window.StepMs % (24 * 3600 * 1000));
    }

    [Fact]
    public void Resolve_should_read_rfc_3339_times_with_an_offset_and_unix_seconds_alike()
    {
        var window = Resolve(from: "2026-03-10T11:00:00+01:00", to: "1773144000", step: "1m");

        Assert.Equal(DateTimeOffset.Parse("2026-03-10T10:00:00Z"), window.From);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:00:00Z"), window.To);
    }

    [Fact]
    public void Resolve_should_read_a_space_as_the_plus_of_an_offset_that_was_not_percent_encoded()
    {
        var window = Resolve(from: "2026-03-10T11:00:00 01:00", to: "2026-03-10T12:00:00Z", step: "1m");

        Assert.Equal(DateTimeOffset.Parse("2026-03-10T10:00:00Z"), window.From);
    }

    [Theory]
    [InlineData("1h", 3600, 30)]
    [InlineData("24h", 24 * 3600, 10 * 60)]
    [InlineData("7d", 7 * 24 * 3600, 60 * 60)]
    [InlineData("6h", 6 * 3600, 3 * 60)]
    [InlineData("10m", 10 * 60, 5)]
    public void Resolve_should_pick_a_round_step_giving_about_120_buckets_when_no_step_is_given(string span, int spanSeconds, int expectedStep)
    {
        _ = span;
        var to = Now;
        var from = to - TimeSpan.FromSeconds(spanSeconds);

        var window = Resolve(from: from.ToUnixTimeSeconds().ToString(), to: to.ToUnixTimeSeconds().ToString(), tiers: Tiers with { RawWindow = TimeSpan.FromDays(30) });

        Assert.Equal(expectedStep, window.StepSeconds);
        Assert.InRange(window.Buckets, 60, 241);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("300", 300)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    public void Resolve_should_take_a_step_as_a_go_duration_or_seconds(string step, int seconds)
    {
        Assert.Equal(seconds, Resolve(step: step).StepSeconds);
    }

    [Fact]
    public void Resolve_should_round_a_step_above_a_minute_up_to_whole_minutes()
    {
        Assert.Equal(120, Resolve(step: "90s").StepSeconds);
    }

    [Fact]
    public void Resolve_should_align_from_down_to_a_multiple_of_the_step_since_the_epoch()
    {
        var window = Resolve(from: "2026-03-10T12:07:31Z", to: "2026-03-10T12:30:00Z", step: "5m");

        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:05:00Z"), window.From);
        Assert.Equal(0, window.FromMs % window.StepMs);
        Assert.Equal(5, window.Buckets);
    }

    [Fact]
    public void Resolve_should_raise_a_step_giving_more_than_2000_points_to_the_smallest_round_step_that_fits()
    {
        // A day at the native 5 s would be 17,280 points.
        var window = Resolve(from: "2026-03-09T12:00:00Z", to: "2026-03-10T12:00:00Z", step: "5s");

        Assert.Equal(60, window.StepSeconds);
        Assert.Equal(1440, window.Buckets);
    }

    [Fact]
    public void Resolve_should_keep_a_step_giving_exactly_2000_points()
    {
        var window = Resolve(from: "2026-03-10T00:00:00Z", to: "2026-03-10T11:06:40Z", step: "20s");

        Assert.Equal(20, window.StepSeconds);
        Assert.Equal(HistoryWindow.MaxPoints, window.Buckets);
    }

    [Fact]
    public void Resolve_should_never_give_more_than_2000_buckets_for_a_long_window_without_retention()
    {
        var window = Resolve(from: "2017-01-01T00:00:00Z", step: "5s", tiers: new HistoryTiers(TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromDays(3650)));

        Assert.InRange(window.Buckets, 1, HistoryWindow.MaxPoints);
        Assert.Equal(0, window.StepMs % (24 * 3600 * 1000));
    }

    [Fact]
    public void Resolve_should_allow_a_window_as_long_as_the_archive_window()
    {
        var window = Resolve(from: "2026-03-03T12:00:00Z", to: "2026-03-10T12:00:00Z", tiers: Tiers with { ArchiveWindow = Week });

        Assert.Equal(3600, window.StepSeconds);
    }

    [Fact]
    public void Resolve_should_refuse_a_window_longer_than_the_archive_window()
    {
        var error = Refused(from: "2026-03-03T11:59:59Z", to: "2026-03-10T12:00:00Z", tiers: Tiers with { ArchiveWindow = Week });

        Assert.Contains("downsample_archive_window, 168h", error);
        Assert.Contains("from and to", error);
    }

    [Theory]
    [InlineData("2026-03-10T12:00:00Z", "2026-03-10T12:00:00Z")]
    [InlineData("2026-03-10T12:00:01Z", "2026-03-10T12:00:00Z")]
    public void Resolve_should_refuse_from_at_or_after_to(string from, string to)
    {
        Assert.Contains("from (2026-03-10T12:00", Refused(from: from, to: to));
    }

    [Theory]
    [InlineData("yesterday", null, "from 'yesterday'")]
    [InlineData("2026-03-10", null, "from '2026-03-10'")]
    [InlineData("2026-03-10T12:00:00", null, "from '2026-03-10T12:00:00'")]
    [InlineData(null, "12:00", "to '12:00'")]
    [InlineData(null, "99999999999999", "to '99999999999999'")]
    [InlineData("1969-12-31T23:00:00Z", "1970-01-01T00:30:00Z", "from (1969-12-31T23:00:00Z) is before 1970")]
    public void Resolve_should_refuse_a_time_it_cannot_read_naming_the_parameter(string? from, string? to, string expected)
    {
        Assert.Contains(expected, Refused(from: from, to: to, tiers: new HistoryTiers(TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromDays(3650))));
    }

    [Theory]
    [InlineData("4s", "step must be at least 5s")]
    [InlineData("0", "step must be at least 5s")]
    [InlineData("1500ms", "step must be at least 5s")]
    [InlineData("7.5s", "step must be a whole number of seconds")]
    [InlineData("fast", "step 'fast' is not a duration")]
    [InlineData("-30s", "step '-30s' is not a duration")]
    public void Resolve_should_refuse_a_step_it_cannot_use_naming_it(string step, string expected)
    {
        Assert.Contains(expected, Refused(step: step));
    }
}
