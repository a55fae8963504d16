using Akka;
using Akka.Streams.Dsl;
using Lumen.Hub.History;

namespace Lumen.Hub.Ingest;

/// <summary>The batcher's stream stages, sized by parameters so specs can drive them with probes.</summary>
public static class BatcherFlows
{
    /// <summary>
    /// Groups rows by <paramref name="flushSize"/> or <paramref name="flushEvery"/>, whichever
    /// comes first, and persists one group at a time. While a group is being written nothing
    /// more is pulled, so a slow disk backpressures into the queue instead of into memory.
    /// </summary>
    public static Flow<SnapshotRow, BatchOutcome, NotUsed> PersistInBatches(
        int flushSize, TimeSpan flushEvery, Func<IReadOnlyList<SnapshotRow>, Task<BatchOutcome>> persist) =>
        Flow.Create<SnapshotRow>()
            .GroupedWithin(flushSize, flushEvery)
            .Select(group => group as IReadOnlyList<SnapshotRow> ?? group.ToList())
            .SelectAsync(1, persist)
            .Named("persist-in-batches");
}
