using Akka.Actor;
using Akka.Pattern;
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
    /// <summary>A collector that crashes outright comes back after 1 s, doubling to at most 30 s, ±20 %.</summary>
    private static readonly TimeSpan FirstRestart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRestart = TimeSpan.FromSeconds(30);
    private const double RestartJitter = 0.2;

    /// <param name="customize">Lets a host process embedding the agent (the hub's built-in agent) adjust its services.</param>
    public static IHost Build(AgentOptions options, Action<HostApplicationBuilder>? customize = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });

        var buffer = BufferOptions.Default(options.BufferPath) with { MaxAge = options.BufferMaxAge, Drain = options.BufferDrain };
        var collectorOptions = new CollectorOptions { DiskPath = options.DiskPath, DockerSocket = options.DockerSocket };

        builder.Services.AddAkka("lumen-agent", akka =>
        {
            akka.ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .UseTimerQueueScheduler()
                .AddFrameBuffer(buffer)
                .AddNativeHeapTrim()
                .WithActors((system, registry) =>
                {
                    var hub = new HubClient(new HttpClient { BaseAddress = options.HubUrl }, options.Token);
                    var sender = system.ActorOf(SenderActor.Props(hub, registry.Get<FrameBufferSupervisor>(), options.BufferDrain, options.Interval), "sender");
                    registry.Register<SenderActor>(sender);

                    var collector = CollectorActor.Props(() => FrameCollector.Create(collectorOptions), sender, options.Host, options.Interval);
                    system.ActorOf(BackoffSupervisor.Props(Backoff.OnFailure(
                        collector, "collector", FirstRestart, LongestRestart, RestartJitter, maxNrOfRetries: -1)), "collector-supervisor");
                });
        });
        customize?.Invoke(builder);
        return builder.Build();
    }
}
