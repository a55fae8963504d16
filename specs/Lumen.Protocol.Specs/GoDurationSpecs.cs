using Lumen.Protocol;

namespace Lumen.Protocol.Specs;

public sealed class GoDurationSpecs
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("24h", 86400)]
    [InlineData("8760h", 31536000)]
    [InlineData("2d", 172800)]
    [InlineData("500ms", 0.5)]
    [InlineData("0", 0)]
    public void GoDuration_should_parse_go_syntax(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("h")]
    [InlineData("5 m")]
    [InlineData("-5s")]
    [InlineData("5y")]
    [InlineData("1e3s")]
    public void GoDuration_should_refuse_what_go_would_refuse(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(90, "1m30s")]
    [InlineData(86400, "24h")]
    [InlineData(31536000, "8760h")]
    [InlineData(3630, "1h30s")]
    [InlineData(0, "0")]
    public void GoDuration_should_format_the_shortest_go_spelling(double seconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
