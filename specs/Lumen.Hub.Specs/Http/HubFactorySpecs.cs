using Lumen.Hub.Configuration;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Http;

/// <summary>The spec host itself: settings given to the factory must reach the options the hub reads at start.</summary>
public sealed class HubFactorySpecs
{
    [Fact]
    public async Task HubFactory_should_hand_its_settings_to_the_hub_when_the_hub_builds_its_options()
    {
        await using var hub = new HubFactory()
            .With("LUMEN_HUB_BATCH_FLUSH_EVERY", "250ms")
            .With("LUMEN_HUB_BATCH_FLUSH_SIZE", "7")
            .With("LUMEN_HUB_BATCH_QUEUE_SIZE", "3");

        var options = hub.Services.GetRequiredService<HubOptions>();

        Assert.Equal(hub.Database.FilePath, options.DatabasePath);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Batcher.FlushEvery);
        Assert.Equal(7, options.Batcher.FlushSize);
        Assert.Equal(3, options.Batcher.QueueCapacity);
    }
}
