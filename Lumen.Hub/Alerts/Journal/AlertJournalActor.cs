using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Events;
using static Lumen.Hub.Alerts.Journal.AlertJournalMessages;

namespace Lumen.Hub.Alerts.Journal;

/// <summary>
/// Owns the durable truth of every alert: the transitions the hosts decide are persisted here
/// (Akka.Persistence.Sql, events and snapshots), so a restart, a SIGKILL included, finds each
/// countdown and firing alert where it was. Each recorded event is then written to the
/// <c>alert_events</c> table (an outbox: idempotently, in order, retried until it works, and
/// again after a replay) and announced on the event stream once it is there.
/// </summary>
public sealed class AlertJournalActor : ReceivePersistentActor, IWithTimers
{
    public const string Id = "lumen-alerts";

    /// <summary>Recorded transitions between snapshots: a restart replays at most this many.</summary>
    public const int SnapshotEvery = 500;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AlertEventStore _events;
    private readonly List<IAlertTransition> _unwritten = [];
    private AlertLedger _ledger = new();
    private bool _writing;
    private int _failures;
    private int _sinceSnapshot;

    public override string PersistenceId => Id;

    public ITimerScheduler Timers { get; set; } = null!;

    public AlertJournalActor(AlertEventStore events)
    {
        _events = events;
        JournalPluginId = AlertJournalConfig.JournalPluginId;
        SnapshotPluginId = AlertJournalConfig.SnapshotPluginId;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AlertLedgerSnapshot snapshot) _ledger = AlertLedger.From(snapshot);
        });
        Recover<IAlertTransition>(recorded =>
        {
            _ledger.Apply(recorded);
            // Written again: the crash may have come between persisting and writing.
            _unwritten.Add(recorded);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _ledger.EnsureEventIdsAbove(_events.MaxEventId());
            WriteEvents();
        });

        Command<Record>(record => RecordAll(record.Transitions.Select(_ledger.Accept)));
        Command<EndOrphans>(end => RecordAll(_ledger.Orphans(end.RuleIds, end.HostIds, end.Now).Select(_ledger.Accept)));
        Command<GetRecovered>(_ => Sender.Tell(new Recovered(_ledger.ByHost())));
        Command<Written>(HandleWritten);
        Command<WriteFailed>(HandleWriteFailed);
        Command<RetryWrite>(_ => WriteEvents());
        Command<SaveSnapshotSuccess>(saved =>
        {
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => _log.Warning("Could not save a snapshot of the alert journal ({0}); it keeps every event instead", failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Debug("Old alert journal events not deleted: {0}", failed.Cause.Message));
        Command<DeleteSnapshotsFailure>(failed => _log.Debug("Old alert journal snapshots not deleted: {0}", failed.Cause.Message));
    }

    private void RecordAll(IEnumerable<IAlertTransition?> accepted)
    {
        var toRecord = accepted.OfType<IAlertTransition>().ToList();
        if (toRecord.Count == 0) return;
        PersistAll(toRecord, recorded =>
        {
            _ledger.Apply(recorded);
            _unwritten.Add(recorded);
            _sinceSnapshot++;
            WriteEvents();
        });
    }

    /// <summary>Writes what is recorded but not yet in SQLite, one batch at a time, in order.</summary>
    private void WriteEvents()
    {
        if (_writing || _unwritten.Count == 0) return;
        _writing = true;
        var batch = _unwritten.ToList();
        _unwritten.Clear();
        var store = _events;
        Task.Run<object>(() =>
        {
            store.Record(batch);
            return new Written(batch, Announcements(store, batch));
        }).PipeTo(Self, failure: cause => new WriteFailed(batch, cause));
    }

    private void HandleWritten(Written written)
    {
        (_writing, _failures) = (false, 0);
        foreach (var raised in written.Raised) Context.System.EventStream.Publish(raised);
        if (_unwritten.Count > 0)
        {
            WriteEvents();
            return;
        }
        if (_sinceSnapshot < SnapshotEvery) return;
        // Only with nothing left to write: a snapshot ends the replay that would write it again.
        _ledger.Prune(DateTimeOffset.UtcNow);
        SaveSnapshot(_ledger.ToSnapshot());
        _sinceSnapshot = 0;
    }

    private void HandleWriteFailed(WriteFailed failed)
    {
        _writing = false;
        _unwritten.InsertRange(0, failed.Batch);
        var pause = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(_failures++, 5)));
        if (_failures == 1)
            _log.Error("Cannot write alert events to the database ({0}); they are kept in the alert journal and written once it works, retrying with a growing pause (at most 30 s). Check the disk and the database file's permissions",
                failed.Cause.GetBaseException().Message);
        Timers.StartSingleTimer(RetryWrite.Instance, RetryWrite.Instance, pause);
    }

    /// <summary>What to tell the rest of the hub about a written batch: each fired or resolved event as it now stands.</summary>
    private static IReadOnlyList<AlertEventRaised> Announcements(AlertEventStore store, IReadOnlyList<IAlertTransition> batch)
    {
        var raised = new List<AlertEventRaised>();
        foreach (var transition in batch)
        {
            var (id, resolved, message) = transition switch
            {
                AlertFired fired => (fired.EventId, fired.ResolvedAtOnce, (string?)null),
                AlertResolved ended => (ended.EventId, true, ended.Message),
                _ => (0L, false, null),
            };
            if (id > 0 && store.Find(id) is { } view) raised.Add(new AlertEventRaised(view, resolved, message));
        }
        return raised;
    }

    private sealed record Written(IReadOnlyList<IAlertTransition> Batch, IReadOnlyList<AlertEventRaised> Raised);

    private sealed record WriteFailed(IReadOnlyList<IAlertTransition> Batch, Exception Cause);

    private sealed class RetryWrite
    {
        public static readonly RetryWrite Instance = new();
    }

    public static Props Props(AlertEventStore events) => Akka.Actor.Props.Create(() => new AlertJournalActor(events));
}

public static class AlertJournalActorWiring
{
    public static AkkaConfigurationBuilder AddAlertJournal(this AkkaConfigurationBuilder builder, IServiceProvider services, string dataFolder) =>
        builder
            .AddHocon(AlertJournalConfig.ForActorSystem(dataFolder), HoconAddMode.Append)
            .WithActors((system, registry) => registry.Register<AlertJournalActor>(
                system.ActorOf(Props(services), "alert-journal")));

    private static Props Props(IServiceProvider services) => AlertJournalActor.Props(services.GetRequiredService<AlertEventStore>());
}
