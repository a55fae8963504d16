namespace Lumen.Hub.Hosts;

/// <summary>
/// Per-host durability bookkeeping. Every accepted frame gets the next sequence number; a
/// number is resolved once its row is committed (or the frame was refused, so never
/// acknowledged). The watermark is the highest number with every number at or below it
/// resolved: frames can be committed out of order, and a bare "newest flushed" would call a
/// frame durable that is still in memory.
/// </summary>
public sealed class SequenceWatermark
{
    private readonly HashSet<long> _resolvedAhead = [];

    public long LastIssued { get; private set; }
    public long Durable { get; private set; }

    public long Issue() => ++LastIssued;

    /// <summary>Whether <paramref name="seq"/> is settled: its row committed, or its frame refused. A number not issued yet is not.</summary>
    public bool IsResolved(long seq) => seq <= Durable || _resolvedAhead.Contains(seq);

    public void Resolve(long seq)
    {
        if (seq <= Durable || seq > LastIssued) return;
        if (seq != Durable + 1)
        {
            _resolvedAhead.Add(seq);
            return;
        }
        Durable = seq;
        while (_resolvedAhead.Remove(Durable + 1)) Durable++;
    }
}
