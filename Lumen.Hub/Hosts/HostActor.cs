using Akka.Actor;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Owns one host's live truth: its latest snapshot, when it was received and its CPU ring,
/// and runs its watch (the alert engine's judgement of this host) where its frames land.
/// Nothing here touches disk; the batcher persists frames and last-seen on its own schedule.
/// Until it has, the actor keeps the host's accepted frames above the durable watermark
/// (<see cref="UnflushedFrames"/>) for history answers: every frame passes here anyway, so
/// the ingest path does no extra work for them.
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
    private readonly UnflushedTracking? _tracking;
    // Made with the first numbered frame: a host named by a broadcast that never reports holds none.
    private UnflushedFrames? _unflushed;
    private DateTimeOffset? _timerAt;

    public HostActor(HostId hostId, string name, HostWatchFactory? watch, UnflushedTracking? tracking = null)
    {
        _state = new HostLiveState(hostId, name);
        _watch = watch?.Invoke(hostId, name);
        _tracking = tracking;
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
                if (record.Seq > 0) KeepUnflushed(record);
                break;
            case HostQueries.GetUnflushed query:
                Sender.Tell(new HostUnflushedView(_state.HostId, Unflushed(query)));
                break;
            case HostQueries.GetProcesses:
                Sender.Tell(_state.Processes());
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

    /// <summary>
    /// Keeps the frame for history until its row is committed. Only when the host holds as many as it may are
    /// the frames resolved ahead of the watermark (refused with a 503, or committed out of
    /// order) let go of first, so that while the disk is stuck refused frames do not push
    /// acknowledged ones out.
    /// </summary>
    private void KeepUnflushed(HostCommands.RecordSnapshot record)
    {
        if (_tracking is null) return;
        _unflushed ??= new UnflushedFrames(_tracking.FramesPerHost);
        if (_unflushed.Count == _unflushed.Capacity) ForgetResolved();
        _unflushed.Keep(new UnflushedFrame(record.Seq, record.Frame.Ts.ToUnixTimeMilliseconds(), record.Frame.Scalars), _tracking.Ledger.DurableFor(_state.HostId));
    }

    // A method of its own: the closure is allocated only when the frames are full, not on every frame.
    private void ForgetResolved()
    {
        var host = _state.HostId;
        var ledger = _tracking!.Ledger;
        _unflushed!.ForgetResolved(seq => ledger.IsResolved(host, seq));
    }

    /// <summary>The frames a history answer adds to SQLite's rows: resolved ones are committed (SQLite has them) or refused (never acknowledged).</summary>
    private UnflushedFrame[] Unflushed(HostQueries.GetUnflushed query)
    {
        if (_tracking is null || _unflushed is null) return [];
        var (host, ledger) = (_state.HostId, _tracking.Ledger);
        _unflushed.Forget(ledger.DurableFor(host));
        return _unflushed.Count == 0 ? [] : _unflushed.InWindow(query.FromMs, query.ToMs, seq => !ledger.IsResolved(host, seq));
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

    public static Props Props(HostId hostId, string name, HostWatchFactory? watch = null, UnflushedTracking? tracking = null) =>
        Akka.Actor.Props.Create(() => new HostActor(hostId, name, watch, tracking)).WithMailbox(HostMailbox.ConfigPath);
}
