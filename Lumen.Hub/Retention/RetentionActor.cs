using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Settings;

namespace Lumen.Hub.Retention;

/// <summary>
/// Keeps history within the retention window. Every 30 s it re-reads the window and interval
/// from the settings table (so an edit applies within a beat, without restart) and sweeps
/// when an interval has passed since the last sweep. Time comes from the actor system's
/// scheduler, so specs drive it with virtual time.
/// </summary>
public sealed class RetentionActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SettingsStore _settings;
    private readonly RetentionStore _store;
    private DateTimeOffset? _lastSweep;
    private bool _busy;

    public ITimerScheduler Timers { get; set; } = null!;

    public RetentionActor(SettingsStore settings, RetentionStore store)
    {
        (_settings, _store) = (settings, store);

        Receive<Beat>(_ => HandleBeat());
        Receive<SettingsRead>(HandleSettings);
        Receive<SweepDone>(HandleSweepDone);
        Receive<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning("Retention sweep failed ({0}); trying again at the next beat. Rows older than the retention window stay until a sweep succeeds; if this repeats, check the database file's disk space and permissions", failure.Cause.Message);
        });
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(Beat.Key, Beat.Instance, TimeSpan.Zero, Heartbeat);
    }

    private void HandleBeat()
    {
        if (_busy) return; // a long sweep is still running; the next beat looks again
        _busy = true;
        _settings.ReadAsync().PipeTo(Self, success: s => new SettingsRead(s));
    }

    private void HandleSettings(SettingsRead read)
    {
        var now = Context.System.Scheduler.Now;
        var snapshots = RetentionPolicy.Decide(read.Settings.RetentionWindow, read.Settings.RetentionInterval, _lastSweep, now) as RetentionDecision.Sweep;
        // Alert events follow the same interval, by their own window: history kept forever still lets old events go.
        var alerts = RetentionPolicy.Decide(read.Settings.RetentionAlertsWindow, read.Settings.RetentionInterval, _lastSweep, now) as RetentionDecision.Sweep;
        if (snapshots is null && alerts is null)
        {
            _busy = false;
            return;
        }
        _log.Debug("Retention sweep: deleting snapshots before {0:O}, resolved alert events before {1:O}", snapshots?.Cutoff, alerts?.Cutoff);
        var store = _store;
        Task.Run(() => new SweepDone(
                snapshots is null ? SweepResult.Nothing : store.Sweep(snapshots.Cutoff),
                alerts is null ? 0 : store.SweepAlertEvents(alerts.Cutoff), now))
            .PipeTo(Self);
    }

    private void HandleSweepDone(SweepDone done)
    {
        _busy = false;
        _lastSweep = done.StartedAt;
        if (done.Result.RowsDeleted > 0)
            _log.Info("Retention removed {0} snapshot rows in {1} chunks ({2:F0} ms)", done.Result.RowsDeleted, done.Result.Chunks, done.Result.Elapsed.TotalMilliseconds);
        if (done.AlertEventsDeleted > 0)
            _log.Info("Retention removed {0} resolved alert events", done.AlertEventsDeleted);
        Context.System.EventStream.Publish(new RetentionSwept(done.StartedAt, done.Result));
    }

    private sealed record Beat
    {
        public const string Key = "retention-heartbeat";
        public static readonly Beat Instance = new();
    }

    private sealed record SettingsRead(HubSettings Settings);

    private sealed record SweepDone(SweepResult Result, long AlertEventsDeleted, DateTimeOffset StartedAt);

    public static Props Props(SettingsStore settings, RetentionStore store) =>
        Akka.Actor.Props.Create(() => new RetentionActor(settings, store));
}

/// <summary>Published on the event stream after each sweep (for specs and future metrics).</summary>
public sealed record RetentionSwept(DateTimeOffset At, SweepResult Result);

public static class RetentionActorWiring
{
    public static AkkaConfigurationBuilder AddRetentionActor(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<RetentionActor>(system.ActorOf(
            RetentionActor.Props(services.GetRequiredService<SettingsStore>(), services.GetRequiredService<RetentionStore>()), "retention")));
}
