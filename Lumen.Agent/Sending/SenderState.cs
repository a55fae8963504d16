using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Sending;

/// <summary>
/// What the sender knows about delivery, and its decisions: where a new frame goes in each
/// <see cref="SenderMode"/>, what a post's or a drain's answer means, when the buffer has run
/// dry. Pure: each decision changes this state and returns the <see cref="SenderStep"/> the
/// actor carries out. At most one post or one drain is in flight, so frames reach the hub in
/// ts order.
/// </summary>
/// <param name="drain">frames a drain asks the buffer for (<c>buffer_drain</c>).</param>
/// <param name="maxWaitingBehindPost">frames that may wait in memory behind the post in flight.</param>
public sealed class SenderState(int drain, int maxWaitingBehindPost)
{
    private enum InFlight { Nothing, Post, Drain }

    private readonly UnconfirmedFrames<IngestFrame> _unconfirmed = new();
    private readonly Queue<IngestFrame> _waiting = new();
    private InFlight _inFlight;
    private bool _keptDuringDrain;
    private string? _instance;

    public SenderMode Mode => TokenRefused ? SenderMode.Refused : BufferMayHoldFrames ? SenderMode.Buffering : SenderMode.Delivering;

    /// <summary>False from the first answer that was not taken until the next one that was.</summary>
    public bool HubReachable { get; private set; } = true;

    public bool TokenRefused { get; private set; }

    /// <summary>True from the first frame kept until a drain finds the buffer empty.</summary>
    public bool BufferMayHoldFrames { get; private set; }

    /// <summary>Frames the hub took but has not reported durable.</summary>
    public int AwaitingDurability => _unconfirmed.Count;

    public long FramesRejected { get; private set; }

    /// <summary>The buffer's count at start: frames left by a previous run come before any new one.</summary>
    public void BufferCounted(int frames) => BufferMayHoldFrames = frames > 0;

    /// <summary>
    /// <see cref="SenderMode.Delivering"/>: posted now, or waiting behind the post in flight.
    /// A slow answer is no outage, so it does not start the buffer, which would load the
    /// persistence stack for the rest of the agent's life; only a frame beyond those that may
    /// wait, or one behind a drain, goes there.
    /// </summary>
    public SenderStep Deliver(IngestFrame frame)
    {
        var step = new Step();
        Deliver(frame, step);
        return step.Done();
    }

    /// <summary><see cref="SenderMode.Buffering"/>: kept behind the older frames; a drain starts unless one is in flight.</summary>
    public SenderStep Buffer(IngestFrame frame)
    {
        var step = new Step();
        Keep(frame, step);
        if (_inFlight == InFlight.Nothing) StartDrain(step);
        return step.Done();
    }

    /// <summary><see cref="SenderMode.Refused"/>: kept, and nothing is sent until <see cref="RetryToken"/>.</summary>
    public SenderStep Hold(IngestFrame frame)
    {
        var step = new Step();
        Keep(frame, step);
        return step.Done();
    }

    /// <summary>The slow retry after a 401: try the token again with the buffer's oldest frames.</summary>
    public SenderStep RetryToken()
    {
        var step = new Step();
        TokenRefused = false;
        if (_inFlight == InFlight.Nothing) StartDrain(step);
        return step.Done();
    }

    /// <summary>
    /// The answer to a post. A frame not taken is kept; the frames that waited behind it follow
    /// it to the hub (the oldest now) or, when the buffer may hold frames now, to the buffer.
    /// </summary>
    public SenderStep Posted(IngestFrame frame, PostOutcome outcome)
    {
        var step = new Step();
        _inFlight = InFlight.Nothing;
        if (outcome is PostOutcome.Retry or PostOutcome.Unauthorized) Keep(frame, step);
        Apply(frame, outcome, step);
        if (_waiting.Count == 0) return step.Done();
        if (TokenRefused || BufferMayHoldFrames)
            while (_waiting.TryDequeue(out var waiting)) Keep(waiting, step);
        else Deliver(_waiting.Dequeue(), step);
        return step.Done();
    }

    /// <summary>The buffer handed out its oldest frames for a drain.</summary>
    /// <returns>whether to post them; none means the drain is over, and the buffer empty unless a frame was kept meanwhile.</returns>
    public bool OldestTaken(int frames)
    {
        if (frames > 0) return true;
        _inFlight = InFlight.Nothing;
        if (!_keptDuringDrain) BufferMayHoldFrames = false;
        return false;
    }

    /// <summary>
    /// The answers to a drain, which stops at the first frame the hub does not take now: the
    /// frames it settled (took or refused as invalid) leave the buffer, the others stay there.
    /// </summary>
    /// <param name="returned">how many frames the buffer handed out for this drain.</param>
    public SenderStep Drained(IReadOnlyList<DrainedFrame> results, int returned)
    {
        var step = new Step();
        _inFlight = InFlight.Nothing;
        var settled = results.Where(r => r.Outcome is PostOutcome.Accepted or PostOutcome.Rejected).Select(r => r.Buffered.Id).ToList();
        step.Confirm = settled;
        // Fewer frames than asked for, all settled, none added meanwhile: the buffer is empty now.
        if (settled.Count == returned && returned < drain && !_keptDuringDrain) BufferMayHoldFrames = false;
        foreach (var result in results) Apply(result.Buffered.Frame, result.Outcome, step);
        return step.Done();
    }

    private void Deliver(IngestFrame frame, Step step)
    {
        if (_inFlight == InFlight.Post && _waiting.Count < maxWaitingBehindPost) _waiting.Enqueue(frame);
        else if (_inFlight != InFlight.Nothing) Keep(frame, step);
        else
        {
            _inFlight = InFlight.Post;
            step.Post = frame;
        }
    }

    private void StartDrain(Step step)
    {
        _inFlight = InFlight.Drain;
        _keptDuringDrain = false;
        step.TakeOldest = true;
    }

    private void Keep(IngestFrame frame, Step step)
    {
        step.Keep.Add(frame);
        BufferMayHoldFrames = true;
        _keptDuringDrain = true;
    }

    /// <summary>What an answer means for the frame it answered; the caller has already kept it if it must stay.</summary>
    private void Apply(IngestFrame frame, PostOutcome outcome, Step step)
    {
        switch (outcome)
        {
            case PostOutcome.Accepted accepted:
                Acknowledge(frame, accepted, step);
                break;
            case PostOutcome.Retry retry:
                if (HubReachable) step.Notices.Add(new SenderNotice.HubUnreachable(retry.Reason));
                HubReachable = false;
                // If the hub went down hard, what it held in memory is gone: keep it on disk here.
                foreach (var held in _unconfirmed.TakeAll()) Keep(held, step);
                break;
            case PostOutcome.Unauthorized when !TokenRefused:
                TokenRefused = true;
                step.Notices.Add(new SenderNotice.TokenRefused());
                break;
            case PostOutcome.Rejected rejected:
                FramesRejected++;
                step.Notices.Add(new SenderNotice.FrameRejected(frame, rejected.Status, rejected.Error));
                break;
        }
    }

    private void Acknowledge(IngestFrame frame, PostOutcome.Accepted accepted, Step step)
    {
        if (!HubReachable) step.Notices.Add(new SenderNotice.HubAnswersAgain());
        HubReachable = true;
        step.HubAccepted = true;
        if (accepted.Instance is null) return; // a hub without a watermark: accepted is all we can know
        if (accepted.Instance != _instance)
        {
            var resend = _unconfirmed.TakeForResend(accepted.Instance);
            if (resend.Count > 0) step.Notices.Add(new SenderNotice.HubRestarted(resend.Count));
            foreach (var held in resend) Keep(held, step);
            _instance = accepted.Instance;
        }
        _unconfirmed.Acknowledged(frame, accepted.Instance, accepted.Seq, accepted.DurableSeq);
    }

    /// <summary>The step being decided.</summary>
    private sealed class Step
    {
        public IReadOnlyList<long>? Confirm;
        public readonly List<IngestFrame> Keep = [];
        public bool TakeOldest;
        public IngestFrame? Post;
        public readonly List<SenderNotice> Notices = [];
        public bool HubAccepted;

        public SenderStep Done() => new(Confirm, Keep, TakeOldest, Post, Notices, HubAccepted);
    }
}
