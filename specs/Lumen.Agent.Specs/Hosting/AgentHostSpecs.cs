using Akka.Actor;
using Lumen.Agent.Configuration;
using Lumen.Agent.Specs.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lumen.Agent.Specs.Hosting;

/// <summary>The agent as its daemon runs it, on this machine's /proc, posting to a scripted hub.</summary>
public sealed class AgentHostSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly string _bufferPath = Path.Combine(Path.GetTempPath(), $"lumen-host-spec-{Guid.NewGuid():N}.db");
    private ScriptedHub _hub = null!;

    public async Task InitializeAsync() => _hub = await ScriptedHub.StartAsync();

    [Fact]
    public async Task AgentHost_should_start_the_buffer_the_sender_and_the_supervised_collector_at_their_paths()
    {
        using var host = AgentHost.Build(new AgentOptions(_hub.Url, "lum_spec", "spec-box", TimeSpan.FromSeconds(5),
            "/", "/nonexistent/docker.sock", _bufferPath, TimeSpan.FromHours(24), 10));
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        foreach (var path in (string[])["/user/frame-buffer", "/user/sender", "/user/collector-supervisor/collector"])
            await system.ActorSelection(path).ResolveOne(Wait);
        await WaitUntilAsync(() => !_hub.Accepted.IsEmpty);
        await host.StopAsync();

        Assert.Equal("spec-box", _hub.Accepted.First().Host);
    }

    [Fact]
    public void AgentHost_should_read_no_configuration_file_so_it_watches_no_folder()
    {
        // A file provider with reload on change watches its folder recursively: under systemd
        // the working directory is "/", the whole filesystem.
        using var host = AgentHost.Build(new AgentOptions(_hub.Url, "lum_spec", "spec-box", TimeSpan.FromSeconds(5),
            "/", "/nonexistent/docker.sock", _bufferPath, TimeSpan.FromHours(24), 10));

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        Assert.DoesNotContain(configuration.Providers, p => p is FileConfigurationProvider);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        File.Delete(_bufferPath);
    }
}
