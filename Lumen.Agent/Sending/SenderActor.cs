using Akka.Actor;
using Akka.Event;
using Lumen.Agent.Buffer;
using Lumen.Protocol;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Policy;

namespace Lumen.Agent.Sending;

/// <summary>
/// Delivers every tick's frame to the hub and owns what is not yet safe there. A frame goes
/// straight to the hub while the buffer is empty (after the post in flight, if there is one);
/// otherwise it joins the buffer and each tick
/// sends the buffer's oldest <c>buffer_drain</c> frames, so frames arrive in ts order and a
/// returning hub is not stampeded. Frames the hub acknowledged but has not reported durable
/// are held in memory (<see cref="UnconfirmedFrames{TFrame}"/>); they are sent again when the
/// hub turns out to have restarted, and go to the buffer when it becomes unreachable.
/// A 401 switches to a slow retry, since a wrong token does not fix itself in five seconds.
/// </summary>
public sealed class SenderActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    public static readonly TimeSpan PolicyEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan UnauthorizedRetryEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Frames that may wait in memory behind a post still in flight: as many as can arrive
    /// within the longest post (<see cref="HubClient.RequestTimeout"/>) at the shortest interval (2 s).
    /// </summary>
    public const int MaxWaitingBehindPost = 5;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HubClient _hub;
    private readonly IActorRef _buffer;
    private readonly int _drain;
    private readonly UnconfirmedFrames<IngestFrame> _unconfirmed = new();
    private readonly Queue<IngestFrame> _waiting = new();
    private TimeSpan _interval;
    private string? _instance;
    private bool _busy;
    private bool _posting;
    private bool _bufferMayHoldFrames;
    private bool _keptDuringDrain;
    private bool _reachable = true;
    private bool _unauthorized;
    private long _rejected;
    private DateTimeOffset _lastPolicyRead = DateTimeOffset.MinValue;

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    public SenderActor(HubClient hub, IActorRef buffer, int drain, TimeSpan interval)
    {
        (_hub, _buffer, _drain, _interval) = (hub, buffer, drain, interval);
        AwaitingBufferStatus();
    }

    /// <summary>
    /// Until the buffer says whether a previous run left frames in it, nothing is sent: a new
    /// frame posted before older buffered ones would reach the hub out of ts order.
    /// </summary>
    private void AwaitingBufferStatus()
    {
        Receive<BufferStatus>(status =>
        {
            _bufferMayHoldFrames = status.Count > 0;
            Become(Delivering);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreStart() => _buffer.Tell(FrameBufferQueries.GetBufferStatus.Instance);

    private void Delivering()
    {
        Receive<SenderCommands.Send>(send => HandleSend(send.Frame));
        CommonHandlers();
    }

    private void RefusedByHub()
    {
        Receive<SenderCommands.Send>(send => Keep(send.Frame));
        Receive<RetryToken>(_ =>
        {
            _unauthorized = false;
            Become(Delivering);
            if (!_busy) StartDrain();
        });
        CommonHandlers();
    }

    private void CommonHandlers()
    {
        Receive<Posted>(HandlePosted);
        Receive<OldestFrames>(HandleOldest);
        Receive<Drained>(HandleDrained);
        Receive<PolicyRead>(HandlePolicy);
        Receive<SenderQueries.GetCollectionInterval>(_ => Sender.Tell(new CollectionInterval(_interval)));
        Receive<SenderQueries.GetSenderStatus>(_ => Sender.Tell(
            new SenderStatus(_reachable, _unauthorized, _unconfirmed.Count, _bufferMayHoldFrames, _rejected)));
    }

    private void HandleSend(IngestFrame frame)
    {
        // A slow answer (a busy hub, an agent compiling its first post) is no outage: the
        // frame waits behind the post instead of starting the disk buffer, which would load
        // Akka.Persistence, linq2db and SQLite for the rest of the agent's life.
        if (_posting && !_bufferMayHoldFrames && _waiting.Count < MaxWaitingBehindPost)
        {
            _waiting.Enqueue(frame);
            return;
        }
        if (_busy || _bufferMayHoldFrames)
        {
            Keep(frame);
            if (!_busy) StartDrain();
            return;
        }
        _busy = _posting = true;
        var hub = _hub;
        hub.PostAsync(frame).PipeTo(Self, success: outcome => new Posted(frame, outcome));
    }

    private void HandlePosted(Posted posted)
    {
        _busy = _posting = false;
        if (posted.Outcome is PostOutcome.Retry or PostOutcome.Unauthorized) Keep(posted.Frame);
        Apply(posted.Frame, posted.Outcome);
        SendWaiting();
    }

    /// <summary>
    /// The frames that came in during the post: the oldest is posted now and the others wait
    /// behind it, or, when the buffer may hold frames now (the post failed, the hub restarted,
    /// the token was refused), all go to the buffer, which the next tick drains.
    /// </summary>
    private void SendWaiting()
    {
        if (_waiting.Count == 0) return;
        if (_unauthorized || _bufferMayHoldFrames)
        {
            while (_waiting.TryDequeue(out var frame)) Keep(frame);
            return;
        }
        HandleSend(_waiting.Dequeue());
    }

    private void StartDrain()
    {
        _busy = true;
        _keptDuringDrain = false;
        _buffer.Tell(new FrameBufferQueries.TakeOldest(_drain));
    }

    private void HandleOldest(OldestFrames oldest)
    {
        if (oldest.Frames.Count == 0)
        {
            _busy = false;
            if (!_keptDuringDrain) _bufferMayHoldFrames = false;
            return;
        }
        var hub = _hub;
        DrainRun.PostInOrderAsync(hub, oldest.Frames).PipeTo(Self, success: results => new Drained(results, oldest.Frames.Count));
    }

    private void HandleDrained(Drained drained)
    {
        _busy = false;
        var settled = drained.Results.Where(r => r.Outcome is PostOutcome.Accepted or PostOutcome.Rejected).ToList();
        _buffer.Tell(new FrameBufferCommands.ConfirmSent(settled.Select(r => r.Buffered.Id).ToList()));
        // Fewer frames than asked for, all settled, none added meanwhile: the buffer is empty now.
        if (settled.Count == drained.Returned && drained.Returned < _drain && !_keptDuringDrain) _bufferMayHoldFrames = false;
        foreach (var result in drained.Results) Apply(result.Buffered.Frame, result.Outcome);
    }

    /// <summary>What an answer means for the frame it answered; the caller has already kept it if it must stay.</summary>
    private void Apply(IngestFrame frame, PostOutcome outcome)
    {
        switch (outcome)
        {
            case PostOutcome.Accepted accepted:
                Acknowledge(frame, accepted);
                break;
            case PostOutcome.Retry retry:
                HubUnreachable(retry.Reason);
                break;
            case PostOutcome.Unauthorized:
                TokenRefused();
                break;
            case PostOutcome.Rejected rejected:
                _rejected++;
                _log.Error("The hub refused the frame of {0} ({1}): {2}. It is dropped: sending it again cannot succeed.",
                    Rfc3339TimestampConverter.Format(frame.Ts), rejected.Status, rejected.Error);
                break;
        }
    }

    private void Acknowledge(IngestFrame frame, PostOutcome.Accepted accepted)
    {
        if (!_reachable) _log.Info("The hub answers again; buffered frames follow, {0} a tick", _drain);
        _reachable = true;
        MaybeReadPolicy();
        if (accepted.Instance is null) return; // a hub without a watermark: accepted is all we can know
        if (accepted.Instance != _instance)
        {
            var resend = _unconfirmed.TakeForResend(accepted.Instance);
            if (resend.Count > 0)
                _log.Warning("The hub restarted; sending again {0} frames it had not yet written to disk", resend.Count);
            foreach (var held in resend) Keep(held);
            _instance = accepted.Instance;
        }
        _unconfirmed.Acknowledged(frame, accepted.Instance, accepted.Seq, accepted.DurableSeq);
    }

    private void HubUnreachable(string reason)
    {
        if (_reachable) _log.Warning("Cannot deliver to the hub ({0}); frames are kept in the buffer and sent when it answers", reason);
        _reachable = false;
        // If the hub went down hard, what it held in memory is gone: keep it on disk here.
        foreach (var held in _unconfirmed.TakeAll()) Keep(held);
    }

    private void TokenRefused()
    {
        if (_unauthorized) return;
        _unauthorized = true;
        _log.Error("The hub refused this agent's token (401): check LUMEN_AGENT_TOKEN / token in agent.yaml. " +
                   "Frames are kept in the buffer; trying again every {0} s", UnauthorizedRetryEvery.TotalSeconds);
        Become(RefusedByHub);
        Timers.StartSingleTimer(RetryToken.Key, RetryToken.Instance, UnauthorizedRetryEvery);
    }

    private void Keep(IngestFrame frame)
    {
        _buffer.Tell(new FrameBufferCommands.BufferFrame(frame));
        _bufferMayHoldFrames = true;
        _keptDuringDrain = true;
    }

    private void MaybeReadPolicy()
    {
        var now = Context.System.Scheduler.Now;
        if (now - _lastPolicyRead < PolicyEvery) return;
        _lastPolicyRead = now;
        var hub = _hub;
        hub.GetPolicyAsync().PipeTo(Self, success: policy => new PolicyRead(policy?.CollectionInterval));
    }

    private void HandlePolicy(PolicyRead read)
    {
        if (read.CollectionInterval is null || !GoDuration.TryParse(read.CollectionInterval, out var interval)) return;
        if (interval == _interval || !AgentIntervalBounds.Contains(interval)) return;
        _log.Info("The hub asks for a collection interval of {0} (was {1})", read.CollectionInterval, GoDuration.Format(_interval));
        _interval = interval;
        // Published, not told: the collector restarts under its supervisor and resubscribes.
        Context.System.EventStream.Publish(new SenderEvents.IntervalChanged(interval));
    }

    private sealed record Posted(IngestFrame Frame, PostOutcome Outcome);

    private sealed record Drained(IReadOnlyList<DrainedFrame> Results, int Returned);

    private sealed record PolicyRead(string? CollectionInterval);

    private sealed record RetryToken
    {
        public const string Key = "retry-token";
        public static readonly RetryToken Instance = new();
    }

    public static Props Props(HubClient hub, IActorRef buffer, int drain, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new SenderActor(hub, buffer, drain, interval));
}
