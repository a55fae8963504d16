using Lumen.Agent.Collectors.Docker;

namespace Lumen.Agent.Specs.Docker;

public sealed class DockerAvailabilitySpecs
{
    [Fact]
    public void Availability_should_report_only_changes_of_state()
    {
        var availability = new DockerAvailability();

        Assert.Null(availability.Succeeded());
        Assert.NotNull(availability.Failed("no socket"));
        Assert.Null(availability.Failed("no socket"));
        Assert.NotNull(availability.Failed("permission denied"));
        Assert.NotNull(availability.Succeeded());
        Assert.Null(availability.Succeeded());
    }
}
