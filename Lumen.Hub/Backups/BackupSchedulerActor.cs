using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Backups.Schedule;
using Lumen.Hub.Backups.Settings;

namespace Lumen.Hub.Backups;

/// <summary>
/// Owns "one backup at a time": runs backups asked for through the API and those the schedule
/// says are due, and remembers the last success and failure. It re-reads the settings when
/// told they changed and arms one timer for the next scheduled run.
/// </summary>
public sealed class BackupSchedulerActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BackupJob _job;
    private readonly BackupSettingsStore _settings;
    private readonly BackupOptions _options;
    private readonly TimeProvider _clock;
    private BackupSchedule? _schedule;
    private string? _scheduleProblem;
    private DateTimeOffset? _nextRun;
    private bool _running;
    private bool _restoring;
    private BackupResult? _lastSuccess;
    private BackupFailure? _lastError;

    public ITimerScheduler Timers { get; set; } = null!;

    public BackupSchedulerActor(BackupJob job, BackupSettingsStore settings, BackupOptions options, TimeProvider clock)
    {
        (_job, _settings, _options, _clock) = (job, settings, options, clock);

        Receive<BackupSettingsChanged>(_ => Task.Run(_settings.Read).PipeTo(Self, success: read => new SettingsRead(read)));
        Receive<SettingsRead>(read => Arm(read.Settings));
        Receive<Due>(HandleDue);
        Receive<RunBackup>(run => Start(run.Passphrase, scheduled: false, Sender));
        Receive<RunFinished>(HandleFinished);
        Receive<GetBackupStatus>(_ => Sender.Tell(new BackupStatus(_running, _lastSuccess, _lastError, _nextRun, _scheduleProblem)));
        Receive<ClaimForRestore>(_ =>
        {
            var granted = !_running && !_restoring;
            _restoring |= granted;
            Sender.Tell(new RestoreClaimed(granted));
        });
        Receive<ReleaseRestore>(_ => _restoring = false);
        Receive<Status.Failure>(failure => _log.Warning("Could not read the backup settings ({0}); the schedule stays as it was", failure.Cause.Message));
    }

    protected override void PreStart() => Self.Tell(BackupSettingsChanged.Instance);

    private void Arm(BackupSettings settings)
    {
        Timers.Cancel(Due.Key);
        (_schedule, _scheduleProblem, _nextRun) = (null, null, null);
        if (!settings.Enabled) return;
        var (schedule, problem) = BackupSchedule.Parse(settings.Cron);
        if (schedule is null)
        {
            _scheduleProblem = problem;
            _log.Warning("Scheduled backups are on but the schedule is not valid: {0}. Fix it under Settings → Backups", problem);
            return;
        }
        _schedule = schedule;
        ArmNext(_clock.GetUtcNow());
    }

    private void ArmNext(DateTimeOffset after)
    {
        _nextRun = _schedule?.NextAfter(after);
        if (_nextRun is { } next) ArmTimer(next);
    }

    /// <summary>Waits at most <see cref="LongestWait"/> at a time: a yearly schedule is further away than a timer goes.</summary>
    private void ArmTimer(DateTimeOffset at)
    {
        var delay = at - _clock.GetUtcNow();
        Timers.StartSingleTimer(Due.Key, new Due(at), delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestWait ? LongestWait : delay);
    }

    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private void HandleDue(Due due)
    {
        if (due.At != _nextRun) return; // armed before the settings changed
        if (_clock.GetUtcNow() < due.At)
        {
            ArmTimer(due.At);
            return;
        }
        if (_running || _restoring)
            _log.Warning("A scheduled backup was due at {0:O} while another backup or a restore ran; it is skipped, the next one is as scheduled", due.At);
        else
            Start(_options.EnvironmentPassphrase, scheduled: true, replyTo: ActorRefs.Nobody);
        ArmNext(due.At);
    }

    private void Start(string? passphrase, bool scheduled, IActorRef replyTo)
    {
        if (_running || _restoring)
        {
            replyTo.Tell(new BackupRunOutcome.Busy());
            return;
        }
        _running = true;
        _job.RunAsync(passphrase, scheduled, CancellationToken.None)
            .PipeTo(Self, success: outcome => new RunFinished(outcome, scheduled, replyTo),
                failure: e => new RunFinished(new BackupRunOutcome.Failed($"unexpected error: {e.Message}; the hub log has the details"), scheduled, replyTo));
    }

    private void HandleFinished(RunFinished finished)
    {
        _running = false;
        var how = finished.Scheduled ? "Scheduled backup" : "Backup";
        switch (finished.Outcome)
        {
            case BackupRunOutcome.Succeeded success:
                _lastSuccess = success.Result;
                _log.Info("{0} {1} stored ({2} bytes in {3:F1} s){4}", how, success.Result.Name, success.Result.SizeBytes, success.Result.Duration.TotalSeconds,
                    success.Deleted.Count == 0 ? "" : $"; retention removed {string.Join(", ", success.Deleted)}");
                break;
            case BackupRunOutcome.Refused refused:
                if (finished.Scheduled) RecordFailure(refused.Reason, scheduled: true);
                break;
            case BackupRunOutcome.Failed failed:
                RecordFailure(failed.Error, finished.Scheduled);
                break;
        }
        finished.ReplyTo.Tell(finished.Outcome);
        Context.System.EventStream.Publish(new BackupRunEnded(finished.Outcome, finished.Scheduled));
    }

    private void RecordFailure(string message, bool scheduled)
    {
        _lastError = new BackupFailure(_clock.GetUtcNow(), message, scheduled);
        _log.Error("{0} failed: {1}", scheduled ? "Scheduled backup" : "Backup", message);
    }

    private sealed record SettingsRead(BackupSettings Settings);

    private sealed record Due(DateTimeOffset At)
    {
        public const string Key = "backup-due";
    }

    private sealed record RunFinished(BackupRunOutcome Outcome, bool Scheduled, IActorRef ReplyTo);

    public static Props Props(BackupJob job, BackupSettingsStore settings, BackupOptions options, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new BackupSchedulerActor(job, settings, options, clock));
}

public static class BackupSchedulerActorWiring
{
    public static AkkaConfigurationBuilder AddBackupScheduler(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<BackupSchedulerActor>(system.ActorOf(BackupSchedulerActor.Props(
            services.GetRequiredService<BackupJob>(), services.GetRequiredService<BackupSettingsStore>(),
            services.GetRequiredService<BackupOptions>(), services.GetRequiredService<TimeProvider>()), "backups")));
}
