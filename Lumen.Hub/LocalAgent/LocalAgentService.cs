using Lumen.Agent;
using Lumen.Agent.Configuration;

namespace Lumen.Hub.LocalAgent;

/// <summary>
/// With <c>LUMEN_HUB_LOCAL_AGENT</c> (and in quickstart), the hub also reports its own machine:
/// the real agent — collectors, sender, buffer — runs in this process once the hub is listening
/// and posts to it over loopback HTTP, exactly as a separate agent would.
/// </summary>
public sealed class LocalAgentService(
    LocalAgentOptions options,
    LocalAgentIdentity identity,
    IHostApplicationLifetime lifetime,
    ILogger<LocalAgentService> log) : IHostedService
{
    private IHost? _agent;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Only once Kestrel accepts connections: the agent's first post must find the hub.
        lifetime.ApplicationStarted.Register(() => _ = StartAgentAsync());
        return Task.CompletedTask;
    }

    private async Task StartAgentAsync()
    {
        try
        {
            var (hostName, token) = identity.Ensure(Environment.MachineName);
            var agentOptions = new AgentOptions(
                HubUrl: LoopbackUrl(options.ListenUrl),
                Token: token,
                Host: hostName,
                Interval: TimeSpan.FromSeconds(5),
                DiskPath: "/",
                DockerSocket: "/var/run/docker.sock",
                BufferPath: Path.Combine(options.DataFolder, "local-agent-buffer.db"),
                BufferMaxAge: TimeSpan.FromHours(24),
                BufferDrain: 10);
            _agent = AgentHost.Build(agentOptions, builder =>
            {
                // The hub owns the process: its lifetime answers Ctrl-C and SIGTERM and stops
                // this agent; the agent must neither listen for signals nor announce itself again.
                builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
            });
            await _agent.StartAsync(lifetime.ApplicationStopping);
            log.LogInformation("This machine reports as host '{Host}' through the built-in agent", hostName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The hub itself is fine; say why its own machine is missing from the dashboard.
            log.LogError(e, "The built-in agent could not start, so this machine will not report (every other agent is unaffected). The error says why; LUMEN_HUB_LOCAL_AGENT=false turns the built-in agent off");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_agent is null) return;
        await _agent.StopAsync(cancellationToken);
        _agent.Dispose();
    }

    /// <summary>The hub as seen from inside its own machine: a wildcard listen address becomes 127.0.0.1.</summary>
    public static Uri LoopbackUrl(string listenUrl)
    {
        var url = new Uri(listenUrl);
        var host = url.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" ? "127.0.0.1" : url.Host;
        return new UriBuilder(url.Scheme, host, url.Port).Uri;
    }

    /// <summary>A host lifetime that waits for nothing and listens to no signal.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
