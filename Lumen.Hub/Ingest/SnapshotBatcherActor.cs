using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Lumen.Hub.Ingest;

/// <summary>
/// Owns the batcher stream: queued snapshot rows → groups by size or time → one SQLite
/// transaction each. Asked to <see cref="Drain"/> at shutdown, it closes the queue, lets the
/// stream write what is left and answers <see cref="Drained"/>.
/// </summary>
public sealed class SnapshotBatcherActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SnapshotQueue _queue;
    private readonly BatchPersister _persister;
    private readonly BatcherOptions _options;
    private readonly List<IActorRef> _drainWaiters = [];
    private long _rowsPersisted;
    private bool _completed;

    public SnapshotBatcherActor(SnapshotQueue queue, BatchPersister persister, BatcherOptions options)
    {
        (_queue, _persister, _options) = (queue, persister, options);

        Receive<BatchOutcome>(HandleOutcome);
        Receive<Drain>(_ => HandleDrain());
        Receive<StreamCompleted>(_ =>
        {
            _completed = true;
            _log.Info("Batcher drained: {0} snapshot rows persisted since start", _rowsPersisted);
            foreach (var waiter in _drainWaiters) waiter.Tell(Drained.Instance);
            _drainWaiters.Clear();
        });
        Receive<Status.Failure>(failure => throw new InvalidOperationException("batcher stream failed", failure.Cause));
    }

    protected override void PreStart()
    {
        var self = Self;
        ChannelSource.FromReader(_queue.Reader)
            .Via(BatcherFlows.PersistInBatches(_options.FlushSize, _options.FlushEvery, _persister.PersistAsync))
            .RunWith(Sink.ForEach<BatchOutcome>(outcome => self.Tell(outcome)), Context.Materializer())
            .PipeTo(self, success: () => StreamCompleted.Instance);
    }

    private void HandleOutcome(BatchOutcome outcome)
    {
        if (!outcome.Persisted) return;
        _rowsPersisted += outcome.Inserted;
        _log.Debug("Flushed {0} rows ({1} new) in {2:F1} ms", outcome.Rows, outcome.Inserted, outcome.WriteTime.TotalMilliseconds);
    }

    private void HandleDrain()
    {
        if (_completed)
        {
            Sender.Tell(Drained.Instance);
            return;
        }
        _drainWaiters.Add(Sender);
        _persister.Stopping();
        _queue.Close();
    }

    /// <summary>Stop taking rows, write what is queued, then answer <see cref="Drained"/>.</summary>
    public sealed record Drain
    {
        public static readonly Drain Instance = new();
    }

    /// <summary>Everything that was queued has been written (or given up at shutdown).</summary>
    public sealed record Drained
    {
        public static readonly Drained Instance = new();
    }

    private sealed record StreamCompleted
    {
        public static readonly StreamCompleted Instance = new();
    }

    public static Props Props(SnapshotQueue queue, BatchPersister persister, BatcherOptions options) =>
        Akka.Actor.Props.Create(() => new SnapshotBatcherActor(queue, persister, options));
}

public static class SnapshotBatcherActorWiring
{
    /// <summary>
    /// Starts the batcher and makes coordinated shutdown drain it before the actor system
    /// stops, so Ctrl-C or SIGTERM writes every queued row.
    /// </summary>
    public static AkkaConfigurationBuilder AddSnapshotBatcher(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) =>
        {
            var options = services.GetRequiredService<BatcherOptions>();
            var batcher = system.ActorOf(SnapshotBatcherActor.Props(
                services.GetRequiredService<SnapshotQueue>(), services.GetRequiredService<BatchPersister>(), options), "snapshot-batcher");
            registry.Register<SnapshotBatcherActor>(batcher);

            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-snapshot-batcher", async () =>
            {
                await batcher.Ask<SnapshotBatcherActor.Drained>(SnapshotBatcherActor.Drain.Instance, options.DrainTimeout);
                return Akka.Done.Instance;
            });
        });
}
