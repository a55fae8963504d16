using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Ingest;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Hub.Specs.Ingest;

public sealed class SnapshotBatcherActorSpecs : TestKit, IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly DurabilityLedger _ledger = new();
    private readonly SnapshotWriter _writer;
    private readonly HostId _host;

    public SnapshotBatcherActorSpecs()
    {
        _writer = new SnapshotWriter(_db.Database);
        _host = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
    }

    [Fact]
    public async Task Batcher_should_write_everything_queued_when_drained_before_the_flush_window()
    {
        var queue = new SnapshotQueue(capacity: 100, maxWait: TimeSpan.FromMilliseconds(100));
        var options = new BatcherOptions(FlushSize: 5000, FlushEvery: TimeSpan.FromHours(1), QueueCapacity: 100,
            OfferWait: TimeSpan.FromMilliseconds(100), DrainTimeout: TimeSpan.FromSeconds(10));
        var batcher = Sys.ActorOf(SnapshotBatcherActor.Props(queue,
            new BatchPersister(_writer, _ledger, NullLogger<BatchPersister>.Instance), options));
        for (var i = 0; i < 7; i++)
            Assert.Equal(OfferResult.Accepted, await queue.OfferAsync(
                SnapshotRow.From(_host, _ledger.Issue(_host), Frames.AfterT0(i * 5), Frames.T0.AddSeconds(i * 5))));

        await batcher.Ask<SnapshotBatcherActor.Drained>(SnapshotBatcherActor.Drain.Instance, TimeSpan.FromSeconds(10));

        Assert.Equal(7, _db.Scalar("SELECT count(*) FROM snapshots"));
        Assert.Equal(7, _ledger.DurableFor(_host));
        Assert.Equal(OfferResult.Closed, await queue.OfferAsync(
            SnapshotRow.From(_host, _ledger.Issue(_host), Frames.AfterT0(100), Frames.T0)));
    }

    [Fact]
    public async Task Batcher_should_record_last_seen_and_system_metadata_with_the_batch()
    {
        var queue = new SnapshotQueue(capacity: 10, maxWait: TimeSpan.FromMilliseconds(100));
        var options = new BatcherOptions(2, TimeSpan.FromHours(1), 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        Sys.ActorOf(SnapshotBatcherActor.Props(queue, new BatchPersister(_writer, _ledger, NullLogger<BatchPersister>.Instance), options));
        var received = Frames.T0.AddMinutes(3);

        await queue.OfferAsync(SnapshotRow.From(_host, _ledger.Issue(_host), Frames.AfterT0(0), received.AddSeconds(-5)));
        await queue.OfferAsync(SnapshotRow.From(_host, _ledger.Issue(_host), Frames.AfterT0(5), received));

        await AwaitAssertAsync(() => Assert.Equal(received.ToUnixTimeMilliseconds(), _db.Scalar("SELECT last_seen_at FROM hosts")),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM hosts WHERE system_json LIKE '%Debian GNU/Linux 12%'"));
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _writer.Dispose();
        _db.Dispose();
    }
}
