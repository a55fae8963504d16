using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Ingest;

/// <summary>The answer to one accepted-or-not ingest.</summary>
public readonly record struct IngestOutcome(OfferResult Result, long Seq, long DurableSeq);

/// <summary>
/// What happens to a valid frame: it takes a durability sequence number, the host actor gets it
/// (the live view never waits on disk), then it takes a place in the batch queue. A frame
/// the queue refuses was never acknowledged, so its number is resolved at once and cannot
/// hold the watermark back.
/// </summary>
public sealed class IngestPipeline(
    DurabilityLedger ledger, SnapshotQueue queue, IRequiredActor<HostsActor> hostsActor, TimeProvider clock)
{
    private IActorRef? _hosts;

    public string InstanceId => ledger.InstanceId;

    public async ValueTask<IngestOutcome> AcceptAsync(HostIdentity host, IngestFrame frame, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        _hosts ??= await hostsActor.GetAsync(cancellationToken);
        var seq = ledger.Issue(host.Id);
        // Told with its number and before the answer: the host actor keeps it for history until
        // the number is resolved, and a history question asked after the answer queues behind it.
        _hosts.Tell(new HostCommands.RecordSnapshot(host.Id, host.Name, frame, receivedAt, seq));

        var result = await queue.OfferAsync(SnapshotRow.From(host.Id, seq, frame, receivedAt), cancellationToken);
        if (result != OfferResult.Accepted) ledger.Resolve(host.Id, seq);
        return new IngestOutcome(result, seq, ledger.DurableFor(host.Id));
    }
}
