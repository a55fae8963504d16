using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// The running sums, lowest and highest values of one host's rows within one slot of a tier (a
/// minute, a bucket), as the writer inserts them in (host, ts) order: the tier row a batch adds
/// to. Reused for every slot of every batch, so summing costs no allocation.
/// </summary>
public sealed class TierSums
{
    public const long MinuteMs = 60_000;

    private readonly double[] _sums = new double[ScalarMetrics.Count];
    private readonly double[] _minimums = new double[ScalarMetrics.Count];
    private readonly double[] _maximums = new double[ScalarMetrics.Count];

    public long HostId { get; private set; }
    public long SlotTs { get; private set; }
    public int Samples { get; private set; }
    public ReadOnlySpan<double> Sums => _sums;
    public ReadOnlySpan<double> Minimums => _minimums;
    public ReadOnlySpan<double> Maximums => _maximums;

    /// <summary>Whether <paramref name="row"/> belongs to the slot being summed (always false when none is).</summary>
    public bool Holds(SnapshotRow row, long slotMs) =>
        Samples > 0 && row.HostId.Value == HostId && SlotOf(row.TsUnixMs, slotMs) == SlotTs;

    /// <summary>Adds the row; the caller first writes and resets the sums of another slot.</summary>
    public void Add(SnapshotRow row, long slotMs)
    {
        var values = row.Values.Span;
        if (Samples == 0)
        {
            (HostId, SlotTs) = (row.HostId.Value, SlotOf(row.TsUnixMs, slotMs));
            values.CopyTo(_minimums);
            values.CopyTo(_maximums);
        }
        Samples++;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] += values[i];
            _minimums[i] = Math.Min(_minimums[i], values[i]);
            _maximums[i] = Math.Max(_maximums[i], values[i]);
        }
    }

    public void Reset()
    {
        Samples = 0;
        Array.Clear(_sums);
    }

    /// <summary>The start of the slot of <paramref name="slotMs"/> holding <paramref name="tsUnixMs"/>, aligned to the epoch (floored, also before 1970).</summary>
    public static long SlotOf(long tsUnixMs, long slotMs) => tsUnixMs - (((tsUnixMs % slotMs) + slotMs) % slotMs);

    /// <summary>The start of the minute holding <paramref name="tsUnixMs"/>.</summary>
    public static long MinuteOf(long tsUnixMs) => SlotOf(tsUnixMs, MinuteMs);
}
