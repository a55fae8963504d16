using Akka.Actor;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Owns one host's live truth: its latest snapshot, when it was received and its CPU ring,
/// and runs its watch (the alert engine's judgement of this host) where its frames land.
/// Nothing here touches disk; the batcher persists frames and last-seen on its own schedule.
/// </summary>
/// <remarks>
/// An <see cref="UntypedActor"/> rather than a ReceiveActor: a hub holds one of these per
/// host, thousands of them, and ReceiveActor keeps a handler table in every instance.
/// </remarks>
public sealed class HostActor : UntypedActor, IWithTimers
{
    private const string DeadlineKey = "watch-deadline";

    private readonly HostLiveState _state;
    private readonly IHostWatch? _watch;
    private DateTimeOffset? _timerAt;

    public HostActor(HostId hostId, string name, HostWatchFactory? watch)
    {
        _state = new HostLiveState(hostId, name);
        _watch = watch?.Invoke(hostId, name);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart() => SyncTimer();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HostCommands.RecordSnapshot record:
                if (record.HostName != _state.Name) _state.Rename(record.HostName);
                if (_state.Apply(record.Frame, record.ReceivedAt) && _watch is not null)
                {
                    _watch.Observe(record.Frame, record.ReceivedAt);
                    SyncTimer();
                }
                break;
            case HostQueries.GetLiveSnapshot:
                Sender.Tell(new HostLiveView(_state.HostId, _state.ToLiveSnapshot()));
                break;
            case HostQueries.ReportLiveSnapshot report:
                report.ReplyTo.Tell(new HostLiveReport(report.Round, _state.HostId, _state.ToLiveSnapshot()));
                break;
            case WatchDeadline:
                _timerAt = null;
                _watch?.Tick(Now);
                SyncTimer();
                break;
            default:
                if (_watch?.Handle(message, Now) != true) Unhandled(message);
                else SyncTimer();
                break;
        }
    }

    /// <summary>One timer, at or before the watch's next deadline.</summary>
    private void SyncTimer()
    {
        var next = _watch?.NextDeadline;
        if (next == _timerAt) return;
        // A later deadline keeps the armed timer: it fires, finds nothing due and arms the next.
        // Moving it on every frame (an offline rule's deadline moves with each) cost 1 µs a frame.
        if (next > _timerAt) return;
        _timerAt = next;
        if (next is null) Timers.Cancel(DeadlineKey);
        else Timers.StartSingleTimer(DeadlineKey, WatchDeadline.Instance, next.Value > Now ? next.Value - Now : TimeSpan.Zero);
    }

    private sealed class WatchDeadline
    {
        public static readonly WatchDeadline Instance = new();
    }

    public static Props Props(HostId hostId, string name, HostWatchFactory? watch = null) =>
        Akka.Actor.Props.Create(() => new HostActor(hostId, name, watch)).WithMailbox(HostMailbox.ConfigPath);
}
