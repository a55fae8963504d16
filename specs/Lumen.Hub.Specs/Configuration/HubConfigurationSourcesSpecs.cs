using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Configuration;

public sealed class HubConfigurationSourcesSpecs
{
    [Fact]
    public void Hub_should_watch_no_configuration_file_for_changes()
    {
        // A file source that reloads on change watches its folder recursively; under systemd the
        // working directory is "/", so that was the whole filesystem.
        using var hub = new HubFactory();

        var configuration = (IConfigurationRoot)hub.Services.GetRequiredService<IConfiguration>();

        Assert.DoesNotContain(configuration.Providers, p => p is FileConfigurationProvider { Source.ReloadOnChange: true });
    }
}
