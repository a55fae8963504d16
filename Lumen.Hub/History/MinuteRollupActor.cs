using Akka.Actor;
using Akka.Event;
using Akka.Hosting;

namespace Lumen.Hub.History;

/// <summary>
/// Keeps the per-minute rollup the history API reads: every beat it sums each host's minutes
/// that have become <see cref="MinuteRollupStore.Lag"/> old (a flush interval and two minutes), off the actor's thread, one pass at
/// a time. The first beat comes at once, so a database from before the rollup (or a hub that
/// was down) is caught up on start, a bounded chunk per transaction.
/// </summary>
public sealed class MinuteRollupActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _busy;

    public ITimerScheduler Timers { get; set; } = null!;

    public MinuteRollupActor(MinuteRollupStore store)
    {
        Receive<Beat>(_ =>
        {
            if (_busy) return; // a long catch-up is still running; the next beat looks again
            _busy = true;
            var now = Context.System.Scheduler.Now;
            Task.Run(() => store.RollUp(now)).PipeTo(Self, success: result => new PassDone(result));
        });
        Receive<PassDone>(done =>
        {
            _busy = false;
            if (done.Result.Chunks > done.Result.Hosts)
                _log.Info("Minute rollup caught up {0} minutes of {1} hosts in {2:F0} ms", done.Result.Minutes, done.Result.Hosts, done.Result.Elapsed.TotalMilliseconds);
            Context.System.EventStream.Publish(new MinutesRolledUp(done.Result));
        });
        Receive<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning("Minute rollup failed ({0}); trying again at the next beat. History stays right meanwhile (it reads raw rows where the rollup is behind), only slower; if this repeats, check the database file's disk space and permissions", failure.Cause.Message);
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer(Beat.Key, Beat.Instance, TimeSpan.Zero, Heartbeat);

    private sealed record Beat
    {
        public const string Key = "minute-rollup-heartbeat";
        public static readonly Beat Instance = new();
    }

    private sealed record PassDone(RollupResult Result);

    public static Props Props(MinuteRollupStore store) => Akka.Actor.Props.Create(() => new MinuteRollupActor(store));
}

/// <summary>Published on the event stream after each rollup pass (for specs and future metrics).</summary>
public sealed record MinutesRolledUp(RollupResult Result);

public static class MinuteRollupActorWiring
{
    public static AkkaConfigurationBuilder AddMinuteRollup(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<MinuteRollupActor>(system.ActorOf(
            MinuteRollupActor.Props(services.GetRequiredService<MinuteRollupStore>()), "minute-rollup")));
}
