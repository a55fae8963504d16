using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Ingest;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Hub.Specs.Ingest;

public sealed class BatcherFlowsSpecs : TestKit, IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly DurabilityLedger _ledger = new();
    private readonly SnapshotWriter _writer;
    private readonly BatchPersister _persister;
    private readonly HostId _host;

    public BatcherFlowsSpecs()
    {
        _writer = new SnapshotWriter(_db.Database);
        _persister = new BatchPersister(_writer, _ledger, NullLogger<BatchPersister>.Instance);
        _host = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
    }

    private SnapshotRow NextRow(int secondsAfterT0) =>
        SnapshotRow.From(_host, _ledger.Issue(_host), Frames.AfterT0(secondsAfterT0), Frames.T0.AddSeconds(secondsAfterT0));

    private (TestPublisher.Probe<SnapshotRow> Rows, TestSubscriber.Probe<BatchOutcome> Outcomes) Materialize(int flushSize, TimeSpan flushEvery) =>
        this.SourceProbe<SnapshotRow>()
            .Via(BatcherFlows.PersistInBatches(flushSize, flushEvery, _persister.PersistAsync))
            .ToMaterialized(this.SinkProbe<BatchOutcome>(), Keep.Both)
            .Run(Sys.Materializer());

    private long StoredRows => _db.Scalar("SELECT count(*) FROM snapshots");

    [Fact]
    public async Task Batcher_should_write_a_group_as_soon_as_it_reaches_the_flush_size()
    {
        var (rows, outcomes) = Materialize(flushSize: 3, flushEvery: TimeSpan.FromMinutes(1));
        outcomes.Request(1);

        foreach (var second in (int[])[0, 5, 10]) await rows.SendNextAsync(NextRow(second));

        var outcome = await outcomes.ExpectNextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((3, 3, true), (outcome.Rows, outcome.Inserted, outcome.Persisted));
        Assert.Equal(3, StoredRows);
        Assert.Equal(3, _ledger.DurableFor(_host));
    }

    [Fact]
    public async Task Batcher_should_write_a_partial_group_when_the_flush_window_ends()
    {
        var (rows, outcomes) = Materialize(flushSize: 5000, flushEvery: TimeSpan.FromMilliseconds(200));
        outcomes.Request(1);

        await rows.SendNextAsync(NextRow(0));
        await rows.SendNextAsync(NextRow(5));

        var outcome = await outcomes.ExpectNextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, outcome.Rows);
        Assert.Equal(2, StoredRows);
    }

    [Fact]
    public async Task Batcher_should_store_a_resent_frame_once()
    {
        var (rows, outcomes) = Materialize(flushSize: 2, flushEvery: TimeSpan.FromMinutes(1));
        outcomes.Request(1);

        await rows.SendNextAsync(NextRow(0));
        await rows.SendNextAsync(NextRow(0));

        var outcome = await outcomes.ExpectNextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((2, 1), (outcome.Rows, outcome.Inserted));
        Assert.Equal(1, StoredRows);
        Assert.Equal(2, _ledger.DurableFor(_host));
    }

    [Fact]
    public async Task Batcher_should_retry_a_failed_write_and_keep_the_stream_running()
    {
        var (rows, outcomes) = Materialize(flushSize: 2, flushEvery: TimeSpan.FromMinutes(1));
        outcomes.Request(2);
        BreakSnapshotsTable();

        await rows.SendNextAsync(NextRow(0));
        await rows.SendNextAsync(NextRow(5));
        await outcomes.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(800));
        Assert.Equal(0, _ledger.DurableFor(_host));

        RepairSnapshotsTable();
        var outcome = await outcomes.ExpectNextAsync(TimeSpan.FromSeconds(15));
        Assert.True(outcome.Persisted);
        Assert.True(outcome.Attempts > 1);

        await rows.SendNextAsync(NextRow(10));
        await rows.SendNextAsync(NextRow(15));
        Assert.Equal(2, (await outcomes.ExpectNextAsync(TimeSpan.FromSeconds(5))).Rows);
        Assert.Equal(4, StoredRows);
    }

    [Fact]
    public async Task Batcher_should_backpressure_into_a_full_queue_while_the_disk_fails_and_recover()
    {
        var queue = new SnapshotQueue(capacity: 4, maxWait: TimeSpan.FromMilliseconds(100));
        var outcomes = ChannelSource.FromReader(queue.Reader)
            .Via(BatcherFlows.PersistInBatches(2, TimeSpan.FromMilliseconds(50), _persister.PersistAsync))
            .RunWith(this.SinkProbe<BatchOutcome>(), Sys.Materializer());
        outcomes.Request(100);
        BreakSnapshotsTable();

        var accepted = 0;
        var second = 0;
        while (await queue.OfferAsync(NextRow(second += 5)) == OfferResult.Accepted)
        {
            accepted++;
            Assert.True(accepted < 50, "the queue never filled: nothing is backpressuring");
        }

        RepairSnapshotsTable();
        await AwaitAssertAsync(() => Assert.Equal(accepted, StoredRows), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        Assert.Equal(OfferResult.Accepted, await queue.OfferAsync(NextRow(second + 5)));
    }

    private void BreakSnapshotsTable() => Execute("ALTER TABLE snapshots RENAME TO snapshots_away;");

    private void RepairSnapshotsTable() => Execute("ALTER TABLE snapshots_away RENAME TO snapshots;");

    private void Execute(string sql)
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _writer.Dispose();
        _db.Dispose();
    }
}
