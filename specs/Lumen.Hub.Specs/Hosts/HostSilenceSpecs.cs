using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

public sealed class HostSilenceSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, 400, TimeSpan.Zero);

    private static (DateTimeOffset? Until, string? Error) Resolve(long? seconds = null, string? until = null) =>
        HostSilence.Resolve(new SilenceRequest { Seconds = seconds, Until = until }, Now);

    [Fact]
    public void Resolve_should_count_seconds_from_the_current_whole_second()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero), null), Resolve(seconds: 3600));
    }

    [Fact]
    public void Resolve_should_end_the_silence_when_seconds_is_zero()
    {
        Assert.Equal((null, null), Resolve(seconds: 0));
    }

    [Fact]
    public void Resolve_should_take_an_until_in_any_offset_rounded_up_to_a_whole_second()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero), null), Resolve(until: "2026-11-27T15:30:00+01:00"));
        Assert.Equal((new DateTimeOffset(2026, 11, 27, 14, 30, 1, TimeSpan.Zero), null), Resolve(until: "2026-11-27T14:30:00.2Z"));
    }

    [Fact]
    public void Resolve_should_allow_a_silence_of_exactly_a_year()
    {
        Assert.Null(Resolve(seconds: HostSilence.MaxSeconds).Error);
        Assert.Null(Resolve(until: "2027-11-27T12:00:00Z").Error);
    }

    [Theory]
    [InlineData(-1L, null, "seconds must be between 0 and 31536000")]
    [InlineData(31536001L, null, "seconds must be between 0 and 31536000")]
    [InlineData(null, "tomorrow", "until 'tomorrow' is not an RFC 3339 time")]
    [InlineData(null, "2026-11-27T13:00:00", "is not an RFC 3339 time")]
    [InlineData(null, "2026-11-27T12:00:00Z", "until (2026-11-27T12:00:00Z) must be in the future")]
    [InlineData(null, "2027-11-27T12:00:01Z", "must be at most a year ahead")]
    [InlineData(null, null, "send seconds")]
    [InlineData(60L, "2026-11-27T13:00:00Z", "send seconds or until, not both")]
    public void Resolve_should_refuse_naming_the_field_when_the_request_is_out_of_bounds(long? seconds, string? until, string error)
    {
        var resolved = Resolve(seconds, until);

        Assert.Null(resolved.Until);
        Assert.Contains(error, resolved.Error);
    }
}
