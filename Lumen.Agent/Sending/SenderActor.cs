using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Agent.Buffer;
using Lumen.Agent.Collectors.Processes;
using Lumen.Protocol;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Policy;

namespace Lumen.Agent.Sending;

/// <summary>
/// Delivers every tick's frame to the hub and owns what is not yet safe there. While the buffer
/// is empty a frame goes straight to the hub (after the post in flight, if there is one);
/// otherwise it joins the buffer and each tick sends the buffer's oldest <c>buffer_drain</c>
/// frames, so frames arrive in ts order and a returning hub is not stampeded. Frames the hub
/// acknowledged but has not reported durable are held in memory; they are sent again when the
/// hub turns out to have restarted, and go to the buffer when it becomes unreachable. A 401
/// switches to a retry that backs off from seconds to a minute (<see cref="RefusedTokenBackoff"/>). The
/// decisions are <see cref="SenderState"/>'s; this actor carries them out, one behaviour per
/// <see cref="SenderMode"/>.
/// </summary>
public sealed class SenderActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    public static readonly TimeSpan PolicyEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Frames that may wait in memory behind a post still in flight: as many as can arrive
    /// within the longest post (<see cref="HubClient.RequestTimeout"/>) at the shortest interval (<see cref="AgentIntervalBounds.Min"/>).
    /// </summary>
    public const int MaxWaitingBehindPost = 5;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HubClient _hub;
    private readonly IActorRef _buffer;
    private readonly int _drain;
    private readonly SenderState _state;
    private SenderMode? _mode;
    private TimeSpan _interval;
    private DateTimeOffset _lastPolicyRead = DateTimeOffset.MinValue;
    private readonly RefusedTokenBackoff _refusals = new();
    private ProcessesPolicy _processes = ProcessesPolicy.Off;

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    public SenderActor(HubClient hub, IActorRef buffer, int drain, TimeSpan interval)
    {
        (_hub, _buffer, _drain, _interval) = (hub, buffer, drain, interval);
        _state = new SenderState(drain, MaxWaitingBehindPost);
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
            _state.BufferCounted(status.Count);
            Enter(_state.Mode);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreStart() => _buffer.Tell(FrameBufferQueries.GetBufferStatus.Instance);

    private void Delivering()
    {
        Receive<SenderCommands.Send>(send => Carry(_state.Deliver(send.Frame)));
        Answers();
    }

    private void Buffering()
    {
        Receive<SenderCommands.Send>(send => Carry(_state.Buffer(send.Frame)));
        Answers();
    }

    private void Refused()
    {
        Receive<SenderCommands.Send>(send => Carry(_state.Hold(send.Frame)));
        Receive<RetryToken>(_ => Carry(_state.RetryToken()));
        Answers();
    }

    /// <summary>Whatever the mode: the answers to posts, drains and policy reads, and the queries.</summary>
    private void Answers()
    {
        Receive<Posted>(posted => Carry(_state.Posted(posted.Frame, posted.Outcome)));
        Receive<OldestFrames>(HandleOldest);
        Receive<Drained>(drained => Carry(_state.Drained(drained.Results, drained.Returned)));
        Receive<PolicyRead>(HandlePolicy);
        Receive<SenderQueries.GetCollectionInterval>(_ => Sender.Tell(new CollectionInterval(_interval)));
        Receive<SenderQueries.GetProcessesPolicy>(_ => Sender.Tell(new SenderEvents.ProcessesPolicyChanged(_processes)));
        Receive<SenderQueries.GetSenderStatus>(_ => Sender.Tell(new SenderStatus(
            _state.HubReachable, _state.TokenRefused, _state.AwaitingDurability, _state.BufferMayHoldFrames, _state.FramesRejected)));
    }

    private void Enter(SenderMode mode)
    {
        if (mode == _mode) return;
        _mode = mode;
        Become(mode switch
        {
            SenderMode.Delivering => Delivering,
            SenderMode.Buffering => Buffering,
            _ => Refused,
        });
    }

    private void Carry(SenderStep step)
    {
        if (step.Confirm is { } settled) _buffer.Tell(new FrameBufferCommands.ConfirmSent(settled));
        // Processes are live only: a buffered frame reaches the hub late, when they are stale, and
        // ten command lines would make each frame several times larger in a buffer capped in bytes.
        foreach (var frame in step.Keep) _buffer.Tell(new FrameBufferCommands.BufferFrame(frame.Processes is null ? frame : frame with { Processes = null }));
        if (step.TakeOldest) _buffer.Tell(new FrameBufferQueries.TakeOldest(_drain));
        foreach (var notice in step.Notices) Report(notice);
        if (step.HubAccepted)
        {
            _refusals.Accepted();
            MaybeReadPolicy();
        }
        if (step.Post is { } post)
        {
            var hub = _hub;
            hub.PostAsync(post).PipeTo(Self, success: outcome => new Posted(post, outcome));
        }
        Enter(_state.Mode);
    }

    private void HandleOldest(OldestFrames oldest)
    {
        if (_state.OldestTaken(oldest.Frames.Count))
        {
            var hub = _hub;
            DrainRun.PostInOrderAsync(hub, oldest.Frames).PipeTo(Self, success: results => new Drained(results, oldest.Frames.Count));
        }
        Enter(_state.Mode);
    }

    private void Report(SenderNotice notice)
    {
        switch (notice)
        {
            case SenderNotice.HubAnswersAgain:
                _log.Info("The hub answers again; buffered frames follow, {0} a tick", _drain);
                break;
            case SenderNotice.HubUnreachable unreachable:
                _log.Warning("Cannot deliver to the hub at {0} ({1}); frames are kept in the buffer and sent when it answers. " +
                             "If it lasts, check that the hub is running and that this machine reaches it at LUMEN_HUB_URL (hub_url in agent.yaml)",
                    _hub.Address, unreachable.Reason);
                break;
            case SenderNotice.HubRestarted restarted:
                _log.Warning("The hub restarted; sending again {0} frames it had not yet written to disk", restarted.Resent);
                break;
            case SenderNotice.TokenRefused:
                var (wait, report) = _refusals.Refused();
                if (report)
                    _log.Error("The hub refused this agent's token (401): it is wrong, was rotated, or the host was deleted on the hub. " +
                               "To fix it, rotate the host's token on the hub (its settings page, or lumen-hub hosts rotate NAME), " +
                               "put the new lum_… token in LUMEN_AGENT_TOKEN (token in agent.yaml) and restart the agent. " +
                               "Meanwhile frames are kept in the buffer and the token is tried again every {0} s", RefusedTokenBackoff.Longest.TotalSeconds);
                else
                    _log.Warning("The hub refused this agent's token (401); frames are kept and the token is tried again in {0} s", wait.TotalSeconds);
                Timers.StartSingleTimer(RetryToken.Key, RetryToken.Instance, wait);
                break;
            case SenderNotice.FrameRejected rejected:
                _log.Error("The hub refused the frame of {0} as invalid ({1}: {2}); it is dropped, as sending it again cannot succeed. " +
                           "If this repeats, check that the agent's version matches the hub's",
                    Rfc3339TimestampConverter.Format(rejected.Frame.Ts), rejected.Status, rejected.Error);
                break;
        }
    }

    private void MaybeReadPolicy()
    {
        var now = Context.System.Scheduler.Now;
        if (now - _lastPolicyRead < PolicyEvery) return;
        _lastPolicyRead = now;
        var hub = _hub;
        hub.GetPolicyAsync().PipeTo(Self, success: policy => new PolicyRead(policy));
    }

    private void HandlePolicy(PolicyRead read)
    {
        if (read.Policy is not { } policy) return;
        FollowProcesses(ProcessesPolicy.From(policy));
        if (policy.CollectionInterval is not { } text || !GoDuration.TryParse(text, out var interval)) return;
        if (interval == _interval || !AgentIntervalBounds.Contains(interval)) return;
        _log.Info("The hub asks for a collection interval of {0} (was {1})", text, GoDuration.Format(_interval));
        _interval = interval;
        // Published, not told: the collector restarts under its supervisor and resubscribes.
        Context.System.EventStream.Publish(new SenderEvents.IntervalChanged(interval));
    }

    private void FollowProcesses(ProcessesPolicy processes)
    {
        if (processes == _processes) return;
        _processes = processes;
        Context.System.EventStream.Publish(new SenderEvents.ProcessesPolicyChanged(processes));
    }

    private sealed record Posted(IngestFrame Frame, PostOutcome Outcome);

    private sealed record Drained(IReadOnlyList<DrainedFrame> Results, int Returned);

    private sealed record PolicyRead(AgentPolicy? Policy);

    private sealed record RetryToken
    {
        public const string Key = "retry-token";
        public static readonly RetryToken Instance = new();
    }

    public static Props Props(HubClient hub, IActorRef buffer, int drain, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new SenderActor(hub, buffer, drain, interval));
}

public static class SenderWiring
{
    /// <summary>
    /// The sender as <c>/user/sender</c>, registered as <see cref="SenderActor"/>, posting to
    /// the hub at <paramref name="hubUrl"/> and keeping frames in the frame buffer, which must be
    /// added before it (<see cref="FrameBufferWiring.AddFrameBuffer"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddSender(this AkkaConfigurationBuilder builder, Uri hubUrl, string token, int drain, TimeSpan interval) =>
        builder.WithActors((system, registry) =>
        {
            var hub = new HubClient(new HttpClient { BaseAddress = hubUrl }, token);
            var sender = system.ActorOf(SenderActor.Props(hub, registry.Get<FrameBufferSupervisor>(), drain, interval), "sender");
            registry.Register<SenderActor>(sender);
        });
}
