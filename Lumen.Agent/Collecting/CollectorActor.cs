using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Pattern;
using Lumen.Agent.Collectors;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Collecting;

/// <summary>
/// Ticks at the collection interval, collects one frame and hands it to the sender. Sources
/// fail independently inside <see cref="FrameCollector"/>; anything else that goes wrong here
/// crashes this actor, and its backoff supervisor (see <see cref="CollectorWiring.AddCollector"/>)
/// starts it again with jitter. A new interval or process list from the hub's policy applies from the next tick.
/// </summary>
public sealed class CollectorActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Func<FrameCollector> _createCollector;
    private readonly IActorRef _sender;
    private readonly string _host;
    private readonly SourceHealth _health = new();
    private FrameCollector _collector = null!;
    private TimeSpan _interval;
    private bool _collecting;

    public ITimerScheduler Timers { get; set; } = null!;

    public CollectorActor(Func<FrameCollector> createCollector, IActorRef sender, string host, TimeSpan interval)
    {
        (_createCollector, _sender, _host, _interval) = (createCollector, sender, host, interval);

        Receive<Tick>(_ => HandleTick());
        Receive<FrameCollection>(HandleCollected);
        Receive<SenderEvents.IntervalChanged>(changed => ApplyInterval(changed.Interval));
        Receive<CollectionInterval>(current => ApplyInterval(current.Interval));
        Receive<SenderEvents.ProcessesPolicyChanged>(changed => _collector.Follow(changed.Policy));
        Receive<Status.Failure>(failure => throw new InvalidOperationException("collecting a frame failed", failure.Cause));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SenderEvents.IntervalChanged));
        Context.System.EventStream.Subscribe(Self, typeof(SenderEvents.ProcessesPolicyChanged));
        _collector = _createCollector();
        Timers.StartPeriodicTimer(Tick.Key, Tick.Instance, TimeSpan.Zero, _interval);
        // Started again by its supervisor after a crash, it was built with the configured
        // interval; the sender knows whether the hub's policy has asked for another since.
        _sender.Tell(SenderQueries.GetCollectionInterval.Instance);
        _sender.Tell(SenderQueries.GetProcessesPolicy.Instance);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _collector?.Dispose();
    }

    private void ApplyInterval(TimeSpan interval)
    {
        if (interval == _interval) return;
        _interval = interval;
        Timers.StartPeriodicTimer(Tick.Key, Tick.Instance, _interval);
    }

    private void HandleTick()
    {
        // A tick that finds the last one still collecting (a hung Docker daemon) is skipped,
        // so ticks never pile up behind a slow source.
        if (_collecting) return;
        _collecting = true;
        var ts = Context.System.Scheduler.Now.ToUniversalTime();
        _collector.CollectAsync(ts).PipeTo(Self);
    }

    private void HandleCollected(FrameCollection collected)
    {
        _collecting = false;
        collected.Frame.Host = _host;
        _sender.Tell(new SenderCommands.Send(collected.Frame));
        foreach (var notice in collected.Notices) _log.Info(notice);
        foreach (var (failure, line) in _health.Report(collected.Failures))
            if (failure) _log.Warning(line);
            else _log.Info(line);
    }

    private sealed record Tick
    {
        public const string Key = "collect";
        public static readonly Tick Instance = new();
    }

    public static Props Props(Func<FrameCollector> createCollector, IActorRef sender, string host, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new CollectorActor(createCollector, sender, host, interval));
}

public static class CollectorWiring
{
    /// <summary>A collector that crashes outright comes back after 1 s, doubling to at most 30 s, ±20 %.</summary>
    private static readonly TimeSpan FirstRestart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRestart = TimeSpan.FromSeconds(30);
    private const double RestartJitter = 0.2;

    /// <summary>
    /// The collector under its backoff supervisor, <c>/user/collector-supervisor</c>, handing
    /// each frame to the sender, which must be added before it (<see cref="SenderWiring.AddSender"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddCollector(this AkkaConfigurationBuilder builder, CollectorOptions options, string host, TimeSpan interval) =>
        builder.WithActors((system, registry) =>
        {
            var collector = CollectorActor.Props(() => FrameCollector.Create(options), registry.Get<SenderActor>(), host, interval);
            system.ActorOf(BackoffSupervisor.Props(Backoff.OnFailure(
                collector, "collector", FirstRestart, LongestRestart, RestartJitter, maxNrOfRetries: -1)), "collector-supervisor");
        });
}
