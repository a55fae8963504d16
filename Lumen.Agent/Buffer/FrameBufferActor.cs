using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Lumen.Protocol.Json;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferEvents;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Buffer;

/// <summary>
/// Owns the frames the hub has not accepted, journaled to the buffer's own SQLite file so they
/// survive a restart. It writes only when the buffer changes, so with the hub up it writes
/// nothing. No snapshots: the state is the frames themselves, so a snapshot would rewrite every
/// buffered frame each time; instead the journal is cut after each confirm or drop below the
/// oldest frame still held, and holds no more than the frames plus a few small events.
/// </summary>
public sealed class FrameBufferActor : ReceivePersistentActor, IWithTimers
{
    public const string BufferPersistenceId = "lumen-agent-buffer";

    /// <summary>While a full buffer keeps dropping, one counted log line per this interval.</summary>
    public static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly FrameBufferState _state;
    private readonly DropTally _drops = new();
    private readonly BufferStart _start;
    private readonly TimeProvider _time;
    private long _firstReplayed;
    private long _deletedTo;
    private int _unreadable;

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => BufferPersistenceId;

    public override Recovery Recovery => _start.Reset ? new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 0) : base.Recovery;

    public FrameBufferActor(BufferOptions options, BufferStart start, TimeProvider time)
    {
        (_start, _time) = (start, time);
        _state = new FrameBufferState(BufferCaps.From(options));
        JournalPluginId = FrameBufferConfig.JournalPluginId;
        SnapshotPluginId = FrameBufferConfig.SnapshotPluginId;

        Recover<FrameBuffered>(e => Replayed(() => _state.Add(new StoredFrame(LastSequenceNr, e.Ts, e.Json))));
        Recover<FramesConfirmed>(e => Replayed(() => _state.Remove(e.Ids)));
        Recover<FramesDropped>(e => Replayed(() => _state.Remove(e.Ids)));
        Recover<UnreadableEvent>(_ => Replayed(() => _unreadable++));
        Recover<RecoveryCompleted>(_ => HandleRecovered());

        Command<BufferFrame>(HandleBufferFrame);
        Command<ConfirmSent>(HandleConfirmSent);
        Command<TakeOldest>(HandleTakeOldest);
        Command<GetBufferStatus>(_ => Sender.Tell(new BufferStatus(_state.Count, _state.OldestTs, _state.Bytes, _drops.SinceStart)));
        Command<DropReportTick>(_ => LogDrops());
        Command<RestIfEmpty>(_ => HandleRestIfEmpty());
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("Frame buffer could not trim its journal (tried again after the next confirm): {0}", f.Cause.Message));
    }

    private void Replayed(Action apply)
    {
        if (_firstReplayed == 0) _firstReplayed = LastSequenceNr;
        apply();
    }

    private void HandleRecovered()
    {
        if (_unreadable > 0)
            _log.Warning("Frame buffer skipped {0} unreadable journal rows and kept the other {1} frames", _unreadable, _state.Count);
        if (_state.Count > 0)
            _log.Info("Frame buffer recovered {0} frames, the oldest from {1:O}", _state.Count, _state.OldestTs);

        // Everything below the first replayed event was deleted before.
        _deletedTo = (_firstReplayed > 0 ? _firstReplayed : LastSequenceNr + 1) - 1;
        if (_start.Reset && LastSequenceNr > 0) DeleteMessages(LastSequenceNr);
        else TrimJournal();
        Context.Parent.Tell(BufferRecovered.Instance);

        if (_start.Seed.Count == 0)
        {
            TellParentIfEmpty();
            DropOverCaps();
            return;
        }
        PersistAll(_start.Seed.Select(f => new FrameBuffered(f.Ts, f.Json)), Buffered);
        DeferAsync(_start, _ => DropOverCaps());
    }

    private void HandleBufferFrame(BufferFrame command)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(command.Frame, LumenJson.IngestFrame);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or JsonException)
        {
            // The sender could never post it either (a NaN from a collector, say).
            _log.Warning("Frame buffer refused the frame of {0:O}: it cannot be written as JSON ({1})", command.Frame.Ts, e.Message);
            return;
        }
        Persist(new FrameBuffered(command.Frame.Ts, json), e =>
        {
            Buffered(e);
            DropOverCaps();
        });
    }

    private void Buffered(FrameBuffered e) => _state.Add(new StoredFrame(LastSequenceNr, e.Ts, e.Json));

    private void HandleConfirmSent(ConfirmSent command)
    {
        var held = _state.Held(command.Ids);
        if (held.Length == 0) return; // a repeated confirm costs no write
        Persist(new FramesConfirmed(held), e =>
        {
            _state.Remove(e.Ids);
            TrimJournal();
            TellParentIfEmpty();
        });
    }

    /// <summary>
    /// Commands wait while an event is being written, so by now every frame sent before this
    /// question is journaled; one that comes later waits in the supervisor's stash.
    /// </summary>
    private void HandleRestIfEmpty()
    {
        if (_state.Count == 0) Context.Stop(Self);
        else Sender.Tell(BufferStillHolds.Instance);
    }

    private void TellParentIfEmpty()
    {
        if (_state.Count == 0) Context.Parent.Tell(BufferEmptied.Instance);
    }

    private void HandleTakeOldest(TakeOldest query)
    {
        var sender = Sender;
        DropOverCaps(then: () => sender.Tell(new OldestFrames(_state.Oldest(query.Max)
            .Select(f => new BufferedFrame(f.Id, JsonSerializer.Deserialize(f.Json, LumenJson.IngestFrame)!))
            .ToList())));
    }

    /// <summary>Journals and applies whatever the caps want gone, then runs <paramref name="then"/>.</summary>
    private void DropOverCaps(Action? then = null)
    {
        var drop = _state.OverCaps(_time.GetUtcNow());
        if (drop.Ids.Count == 0)
        {
            then?.Invoke();
            return;
        }
        Persist(new FramesDropped([.. drop.Ids], drop.ByAge, drop.BySize), e =>
        {
            _state.Remove(e.Ids);
            _drops.Add(e.ByAge, e.BySize);
            if (!Timers.IsTimerActive(DropReportTick.Key)) LogDrops();
            TrimJournal();
            TellParentIfEmpty();
            then?.Invoke();
        });
    }

    private void LogDrops()
    {
        if (!_drops.HasUnreported) return;
        var (byAge, bySize) = _drops.TakeUnreported();
        var caps = _state.Caps;
        var sizeCap = $"{caps.MaxFrames} frames or {caps.MaxBytes} bytes";
        _log.Warning("Frame buffer dropped {0} oldest frames ({1} older than {2}, {3} over the cap of {4}); {5} dropped since start",
            byAge + bySize, byAge, caps.MaxAge, bySize, sizeCap, _drops.SinceStart);
        Timers.StartSingleTimer(DropReportTick.Key, DropReportTick.Instance, DropLogInterval);
    }

    /// <summary>Deletes the journal below the oldest frame still held: those events describe frames already gone.</summary>
    private void TrimJournal()
    {
        var upTo = (_state.LowestId ?? LastSequenceNr + 1) - 1;
        if (upTo <= _deletedTo) return;
        _deletedTo = upTo;
        DeleteMessages(upTo);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Akka stops this actor next; the supervisor decides what happens to the file.
        _log.Error(reason, "Frame buffer could not read its journal back after {0} frames: {1}", _state.Count, reason.Message);
        Context.Parent.Tell(new BufferRecoveryFailed(reason, _state.Oldest(int.MaxValue)));
    }

    private sealed record DropReportTick
    {
        public const string Key = "frame-buffer-drop-report";
        public static readonly DropReportTick Instance = new();
    }

    internal static Props Props(BufferOptions options, BufferStart start, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new FrameBufferActor(options, start, time));
}
