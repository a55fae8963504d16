using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Settings;

namespace Lumen.Hub.History;

/// <summary>
/// Keeps the history tiers the API reads: every beat it sums each host's minutes that have
/// become <see cref="MinuteRollupStore.Lag"/> old (a flush interval and two minutes) into the
/// per-minute rollup, then the summed minutes into buckets of <c>downsample_bucket_size</c>
/// (read again each beat, so a change applies at the next one) and into hours, off the actor's thread, one
/// pass at a time. The first beat comes at once, so a database from before a tier (or a hub
/// that was down) is caught up on start, a bounded chunk per transaction.
/// </summary>
public sealed class HistoryRollupActor : ReceiveActor, IWithTimers
{
    /// <summary>As the retention heartbeat, so a new bucket size applies within one.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _busy;

    public ITimerScheduler Timers { get; set; } = null!;

    public HistoryRollupActor(MinuteRollupStore minutes, BucketRollupStore buckets, BucketRollupStore hours, SettingsStore settings)
    {
        Receive<Beat>(_ =>
        {
            if (_busy) return; // a long catch-up is still running; the next beat looks again
            _busy = true;
            var now = Context.System.Scheduler.Now;
            Task.Run(async () =>
            {
                var minuteResult = minutes.RollUp(now);
                var bucketSize = (await settings.ReadAsync()).DownsampleBucketSize;
                return new PassDone(minuteResult, buckets.RollUp(bucketSize), hours.RollUp(CoarseTier.HourSize));
            }).PipeTo(Self);
        });
        Receive<PassDone>(done =>
        {
            _busy = false;
            if (done.Minutes.Chunks > done.Minutes.Hosts)
                _log.Info("Minute rollup caught up {0} minutes of {1} hosts in {2:F0} ms", done.Minutes.Rows, done.Minutes.Hosts, done.Minutes.Elapsed.TotalMilliseconds);
            if (done.Buckets.Chunks > done.Buckets.Hosts)
                _log.Info("Bucket rollup caught up {0} buckets of {1} hosts in {2:F0} ms", done.Buckets.Rows, done.Buckets.Hosts, done.Buckets.Elapsed.TotalMilliseconds);
            Context.System.EventStream.Publish(new HistoryRolledUp(done.Minutes, done.Buckets, done.Hours));
        });
        Receive<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning("History rollup failed ({0}); trying again at the next beat. History stays right meanwhile (it reads the finer tier where a coarser one is behind, and retention keeps what is not summed yet), only slower; if this repeats, check the database file's disk space and permissions", failure.Cause.Message);
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer(Beat.Key, Beat.Instance, TimeSpan.Zero, Heartbeat);

    private sealed record Beat
    {
        public const string Key = "history-rollup-heartbeat";
        public static readonly Beat Instance = new();
    }

    private sealed record PassDone(RollupResult Minutes, RollupResult Buckets, RollupResult Hours);

    public static Props Props(MinuteRollupStore minutes, BucketRollupStore buckets, BucketRollupStore hours, SettingsStore settings) =>
        Akka.Actor.Props.Create(() => new HistoryRollupActor(minutes, buckets, hours, settings));
}

/// <summary>Published on the event stream after each rollup pass: what the minute, bucket and hour passes did (for specs and metrics).</summary>
public sealed record HistoryRolledUp(RollupResult Minutes, RollupResult Buckets, RollupResult Hours);

public static class HistoryRollupActorWiring
{
    public static AkkaConfigurationBuilder AddHistoryRollup(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<HistoryRollupActor>(system.ActorOf(
            HistoryRollupActor.Props(services.GetRequiredService<MinuteRollupStore>(), services.GetRequiredService<BucketRollupStore>(),
                new BucketRollupStore(services.GetRequiredService<Storage.LumenDatabase>(), CoarseTier.Hours),
                services.GetRequiredService<SettingsStore>()), "history-rollup")));
}
