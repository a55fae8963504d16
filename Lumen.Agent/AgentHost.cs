using Akka.Hosting;
using Lumen.Agent.Buffer;
using Lumen.Agent.Collecting;
using Lumen.Agent.Collectors;
using Lumen.Agent.Configuration;
using Lumen.Agent.Runtime;
using Lumen.Agent.Scheduling;
using Lumen.Agent.Sending;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lumen.Agent;

/// <summary>
/// The agent daemon: a generic host running a small actor system — the frame buffer, the
/// sender, and the collector under a backoff supervisor that restarts it with jitter.
/// </summary>
public static class AgentHost
{
    /// <param name="customize">Lets a host process embedding the agent (the hub's built-in agent) adjust its services.</param>
    public static IHost Build(AgentOptions options, Action<HostApplicationBuilder>? customize = null)
    {
        // Empty: the default builder reads appsettings.json with reload on change, which watches
        // the content root and every folder under it. Under systemd that is "/": 61,260 inotify
        // watches and about 100 MiB more resident, for a file the agent never reads
        // (docs/agent-footprint.md). The agent is configured by agent.yaml and LUMEN_* variables.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });

        var buffer = BufferOptions.Default(options.BufferPath) with { MaxAge = options.BufferMaxAge, Drain = options.BufferDrain };
        var collectorOptions = new CollectorOptions { DiskPath = options.DiskPath, DockerSocket = options.DockerSocket, ExtraFilesystems = options.ExtraFilesystems, Processes = options.Processes };

        // In this order: each actor finds the one it talks to in the registry.
        builder.Services.AddAkka("lumen-agent", akka => akka
            .AddHostLogging()
            .UseTimerQueueScheduler()
            .AddFrameBuffer(buffer)
            .AddNativeHeapTrim()
            .AddSender(options.HubUrl, options.Token, options.BufferDrain, options.Interval)
            .AddCollector(collectorOptions, options.Host, options.Interval));
        customize?.Invoke(builder);
        return builder.Build();
    }
}
