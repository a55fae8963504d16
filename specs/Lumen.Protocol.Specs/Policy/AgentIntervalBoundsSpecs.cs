using Lumen.Protocol.Policy;

namespace Lumen.Protocol.Specs.Policy;

public sealed class AgentIntervalBoundsSpecs
{
    [Theory]
    [InlineData(1.999, false)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    [InlineData(3600, true)]
    [InlineData(3600.001, false)]
    public void AgentIntervalBounds_should_contain_two_seconds_to_one_hour_inclusive(double seconds, bool contained) =>
        Assert.Equal(contained, AgentIntervalBounds.Contains(TimeSpan.FromSeconds(seconds)));
}
