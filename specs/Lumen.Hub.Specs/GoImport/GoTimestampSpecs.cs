using Lumen.Hub.GoImport;

namespace Lumen.Hub.Specs.GoImport;

public sealed class GoTimestampSpecs
{
    private static readonly DateTimeOffset At = new(2026, 5, 29, 8, 30, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-05-29 08:30:00.123", "A with a fraction")]
    [InlineData("2026-05-29T08:30:00.123Z", "B")]
    [InlineData("2026-05-29T08:30:00.123456789Z", "B to the nanosecond")]
    [InlineData("2026-05-29 08:30:00.123456789 +0000 UTC", "C")]
    [InlineData("2026-05-29 08:30:00.123 +0000 UTC m=+3.000000001", "C with the monotonic reading")]
    [InlineData("2026-05-29T10:30:00.123+02:00", "RFC 3339 with an offset")]
    [InlineData("2026-05-29 10:30:00.123 +0200 CEST", "C in another zone")]
    public void TryParse_should_read_every_form_the_go_hub_writes_to_the_same_instant(string text, string form)
    {
        Assert.True(GoTimestamp.TryParse(text, out var ms), form);
        Assert.Equal(At.ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void TryParse_should_read_form_a_as_utc_to_the_second()
    {
        Assert.True(GoTimestamp.TryParse("2026-05-29 08:30:00", out var ms));
        Assert.Equal(new DateTimeOffset(2026, 5, 29, 8, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30 08:30:00")]
    [InlineData("2026-05-29 25:30:00")]
    [InlineData("2026-05-29T08:30:00.Z")]
    [InlineData("2026-05-29T08:30:00 Z")]
    [InlineData("2026-05-29T08:30:00+0200")]
    public void TryParse_should_refuse_what_is_not_one_of_the_forms(string text) => Assert.False(GoTimestamp.TryParse(text, out _));
}
