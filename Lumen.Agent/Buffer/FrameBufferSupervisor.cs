using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Agent.Runtime;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Buffer;

/// <summary>
/// The frame buffer's address: speaks its protocol and forwards to <see cref="FrameBufferActor"/>.
/// It starts the buffer only when there is something to hold (a file from an earlier run, or
/// the first frame), so an agent whose hub never fails never creates the file. It checks the
/// file before the journal opens it and starts afresh when the file is damaged. Once a drained
/// buffer has held nothing for <see cref="DefaultRestAfter"/>, it stops it and gives the memory
/// the outage took back to the machine; the next frame starts it again from its file.
/// </summary>
public sealed class FrameBufferSupervisor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    /// <summary>A write that fails at every start (a full disk) must not spin: one attempt per tick.</summary>
    public static readonly TimeSpan DefaultRestartDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Long enough that a hub which flaps (answers, then fails again) keeps the buffer running;
    /// short against the minutes an outage's memory would otherwise stay taken.
    /// </summary>
    public static readonly TimeSpan DefaultRestAfter = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BufferOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _restartDelay;
    private readonly TimeSpan _restAfter;
    private readonly Action _releaseMemory;
    private IActorRef _buffer = ActorRefs.Nobody;
    private BufferRecoveryFailed? _failure;
    private bool _resetTried;
    private int _incarnation;
    private long _refused;

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public FrameBufferSupervisor(BufferOptions options, TimeProvider time, TimeSpan restartDelay, TimeSpan restAfter, Action releaseMemory)
    {
        (_options, _time, _restartDelay, _restAfter, _releaseMemory) = (options, time, restartDelay, restAfter, releaseMemory);
        Receive<BufferFile.Inspection>(HandleInspection);
        Receive<Status.Failure>(f => HandleInspection(new BufferFile.Unchecked(f.Cause.Message)));
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreStart()
    {
        var (path, now, caps) = (_options.Path, _time.GetUtcNow(), BufferCaps.From(_options));
        Task.Run(() => BufferFile.Inspect(path, now, caps)).PipeTo(Self);
    }

    private void HandleInspection(BufferFile.Inspection inspection)
    {
        switch (inspection)
        {
            case BufferFile.Missing:
                Become(Dormant);
                Stash.UnstashAll();
                return;
            case BufferFile.Damaged damaged:
                _log.Error("Frame buffer file {0} is damaged ({1}); moved it to {2} and starting a fresh buffer with the {3} frames still readable",
                    _options.Path, damaged.Reason, damaged.MovedTo, damaged.Salvaged.Count);
                StartBuffer(new BufferStart(damaged.Salvaged, Reset: false));
                return;
            case BufferFile.Unchecked @unchecked:
                _log.Warning("Frame buffer could not check {0} ({1}); opening it anyway", _options.Path, @unchecked.Reason);
                break;
        }
        StartBuffer(BufferStart.Normal);
    }

    /// <summary>Nothing buffered and no file: answer for the buffer without creating it.</summary>
    private void Dormant()
    {
        Receive<BufferFrame>(_ =>
        {
            Stash.Stash();
            StartBuffer(BufferStart.Normal);
        });
        AnswerEmpty();
    }

    private void AnswerEmpty()
    {
        Receive<TakeOldest>(_ => Sender.Tell(OldestFrames.None));
        Receive<GetBufferStatus>(_ => Sender.Tell(BufferStatus.Empty));
        ReceiveAny(_ => { });
    }

    private void StartBuffer(BufferStart start)
    {
        _failure = null;
        FrameBufferConfig.EnsurePlugins(Context.System, _options);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_options.Path))!);
        _buffer = Context.Watch(Context.ActorOf(FrameBufferActor.Props(_options, start, _time), $"buffer-{++_incarnation}"));
        Become(Recovering);
    }

    private void Recovering()
    {
        Receive<BufferRecovered>(_ =>
        {
            _resetTried = false;
            Become(Active);
            Stash.UnstashAll();
        });
        Receive<BufferRecoveryFailed>(failed => _failure = failed);
        Receive<Terminated>(HandleStopped);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Active()
    {
        Receive<BufferRecovered>(_ => { });
        Receive<BufferRecoveryFailed>(failed => _failure = failed);
        Receive<Terminated>(HandleStopped);
        Receive<BufferEmptied>(_ => Timers.StartSingleTimer(RestTick.Instance, RestTick.Instance, _restAfter));
        Receive<RestTick>(_ => AskToRest());
        Receive<BufferFrame>(frame =>
        {
            Timers.Cancel(RestTick.Instance);
            _buffer.Forward(frame);
        });
        ReceiveAny(message => _buffer.Forward(message));
    }

    /// <summary>
    /// Holds every message back until the buffer has answered, so none can reach a buffer that
    /// is stopping (a frame sent to it then would be lost with its mailbox).
    /// </summary>
    private void AskToRest()
    {
        _buffer.Tell(RestIfEmpty.Instance);
        Become(() =>
        {
            Receive<BufferStillHolds>(_ =>
            {
                Become(Active);
                Stash.UnstashAll();
            });
            Receive<Terminated>(terminated =>
            {
                if (!terminated.ActorRef.Equals(_buffer)) return;
                _buffer = ActorRefs.Nobody;
                _releaseMemory();
                _log.Info("Frame buffer drained and idle for {0}: stopped it and gave its memory back; the next frame the hub does not take starts it again", _restAfter);
                Become(Dormant);
                Stash.UnstashAll();
            });
            Receive<BufferRecoveryFailed>(failed => _failure = failed);
            ReceiveAny(_ => Stash.Stash());
        });
    }

    private void HandleStopped(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_buffer)) return;
        if (_failure is null) RestartLater();
        else if (!_resetTried) StartAfresh(_failure);
        else GiveUp(_failure);
    }

    /// <summary>Akka stops a persistent actor whose write failed; the file may still be fine.</summary>
    private void RestartLater()
    {
        _log.Warning("Frame buffer stopped after a failed write to {0}; restarting it from the file in {1}. " +
                     "If this repeats, check the free space and write access there", _options.Path, _restartDelay);
        Timers.StartSingleTimer(RestartTick.Instance, RestartTick.Instance, _restartDelay);
        Become(() =>
        {
            Receive<RestartTick>(_ => StartBuffer(BufferStart.Normal));
            ReceiveAny(_ => Stash.Stash());
        });
    }

    /// <summary>
    /// The journal was read up to a failure. It has the file open, so the file cannot be moved:
    /// copy it aside for a post-mortem, and start an incarnation that empties the journal.
    /// </summary>
    private void StartAfresh(BufferRecoveryFailed failure)
    {
        _resetTried = true;
        var copy = BufferFile.TryCopyAside(_options.Path, _time.GetUtcNow());
        _log.Error("Frame buffer could not read back {0} ({1}); copied it to {2} and starting a fresh buffer with the {3} frames read before the failure",
            _options.Path, failure.Cause.Message, copy, failure.Kept.Count);
        StartBuffer(new BufferStart(failure.Kept, Reset: true));
    }

    /// <summary>Even an emptied journal cannot be read: refuse frames, with a counted line now and then.</summary>
    private void GiveUp(BufferRecoveryFailed failure)
    {
        _log.Error("Frame buffer cannot use {0} ({1}); buffering is off until the agent restarts, so frames the hub does not take now are lost. " +
                   "Check the disk and write access for that file (LUMEN_AGENT_BUFFER_PATH, buffer_path in agent.yaml), then restart the agent",
            _options.Path, failure.Cause.Message);
        Become(() =>
        {
            Receive<BufferFrame>(_ =>
            {
                if (++_refused is 1 or 10 or 100 or 1000 or 10_000 or 100_000)
                    _log.Warning("Frame buffer is off (see the error above): {0} frames not kept so far", _refused);
            });
            AnswerEmpty();
        });
        Stash.UnstashAll();
    }

    private sealed record RestartTick
    {
        public static readonly RestartTick Instance = new();
    }

    private sealed record RestTick
    {
        public static readonly RestTick Instance = new();
    }

    /// <param name="releaseMemory">run once a drained buffer has stopped; <see cref="ProcessMemory.Release"/> unless a spec says otherwise.</param>
    public static Props Props(BufferOptions options, TimeProvider? time = null, TimeSpan? restartDelay = null,
        TimeSpan? restAfter = null, Action? releaseMemory = null) =>
        Akka.Actor.Props.Create(() => new FrameBufferSupervisor(options, time ?? TimeProvider.System, restartDelay ?? DefaultRestartDelay,
            restAfter ?? DefaultRestAfter, releaseMemory ?? ProcessMemory.Release));
}

public static class FrameBufferWiring
{
    /// <summary>
    /// The buffer's event serializer and the buffer itself, registered as
    /// <see cref="FrameBufferSupervisor"/>, which speaks the buffer's protocol (a key of
    /// <see cref="FrameBufferActor"/> would load Akka.Persistence at start-up).
    /// Its journal and snapshot store on its own SQLite file are added when the buffer first
    /// starts (<see cref="FrameBufferConfig.EnsurePlugins"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddFrameBuffer(this AkkaConfigurationBuilder builder, BufferOptions options, TimeProvider? time = null)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException("invalid frame buffer options:\n  " + string.Join("\n  ", problems), nameof(options));
        return builder
            .AddHocon(FrameBufferConfig.Serialization, HoconAddMode.Prepend)
            .WithActors((system, registry) =>
                registry.Register<FrameBufferSupervisor>(system.ActorOf(FrameBufferSupervisor.Props(options, time), "frame-buffer")));
    }
}
