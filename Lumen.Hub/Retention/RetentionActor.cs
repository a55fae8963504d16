using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Settings;

namespace Lumen.Hub.Retention;

/// <summary>
/// Keeps history within its windows: raw rows and their per-minute sums within
/// <c>retention_window</c>, buckets within <c>downsample_archive_window</c>, resolved alert
/// events within <c>retention_alerts_window</c>. Every 30 s it re-reads the windows and interval
/// from the settings table and sweeps when an interval has passed since the last sweep, or at
/// once when a window changed (so an edit applies within a beat, without restart). Time comes from the actor system's
/// scheduler, so specs drive it with virtual time.
/// </summary>
public sealed class RetentionActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SettingsStore _settings;
    private readonly RetentionStore _store;
    private DateTimeOffset? _lastSweep;
    private SweptWindows? _lastWindows;
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
        var settings = read.Settings;
        // A window changed since the last sweep applies now, not an interval later.
        var windows = new SweptWindows(settings.RetentionWindow, settings.DownsampleArchiveWindow, settings.RetentionAlertsWindow);
        var lastSweep = windows == _lastWindows ? _lastSweep : null;
        var raw = RetentionPolicy.Decide(settings.RetentionWindow, settings.RetentionInterval, lastSweep, now) as RetentionDecision.Sweep;
        var archive = RetentionPolicy.Decide(settings.DownsampleArchiveWindow, settings.RetentionInterval, lastSweep, now) as RetentionDecision.Sweep;
        // Alert events follow the same interval, by their own window: history kept forever still lets old events go.
        var alerts = RetentionPolicy.Decide(settings.RetentionAlertsWindow, settings.RetentionInterval, lastSweep, now) as RetentionDecision.Sweep;
        if (raw is null && archive is null && alerts is null)
        {
            _busy = false;
            return;
        }
        _log.Debug("Retention sweep: deleting raw rows before {0:O}, buckets before {1:O}, resolved alert events before {2:O}", raw?.Cutoff, archive?.Cutoff, alerts?.Cutoff);
        var store = _store;
        var cutoffs = new TierCutoffs(raw?.Cutoff, archive?.Cutoff);
        Task.Run(() => new SweepDone(
                cutoffs is { Raw: null, Archive: null } ? SweepResult.Nothing : store.Sweep(cutoffs),
                alerts is null ? 0 : store.SweepAlertEvents(alerts.Cutoff), now, windows))
            .PipeTo(Self);
    }

    private void HandleSweepDone(SweepDone done)
    {
        _busy = false;
        (_lastSweep, _lastWindows) = (done.StartedAt, done.Windows);
        var r = done.Result;
        if (r.RowsDeleted + r.MinutesDeleted + r.BucketsDeleted + r.HoursDeleted + r.ItemBucketsDeleted > 0)
            _log.Info("Retention removed {0} snapshot rows in {1} chunks, {2} per-minute rows, {3} buckets, {4} hours and {5} container and GPU buckets ({6:F0} ms)",
                [r.RowsDeleted, r.Chunks, r.MinutesDeleted, r.BucketsDeleted, r.HoursDeleted, r.ItemBucketsDeleted, r.Elapsed.TotalMilliseconds]);
        if (done.AlertEventsDeleted > 0)
            _log.Info("Retention removed {0} resolved alert events", done.AlertEventsDeleted);
        Context.System.EventStream.Publish(new RetentionSwept(done.StartedAt, done.Result));
    }

    /// <summary>The windows a sweep cut by: when one changes, the next beat sweeps.</summary>
    private sealed record SweptWindows(TimeSpan Raw, TimeSpan Archive, TimeSpan AlertEvents);

    private sealed record Beat
    {
        public const string Key = "retention-heartbeat";
        public static readonly Beat Instance = new();
    }

    private sealed record SettingsRead(HubSettings Settings);

    private sealed record SweepDone(SweepResult Result, long AlertEventsDeleted, DateTimeOffset StartedAt, SweptWindows Windows);

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
