using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// The running sums of one host's rows within one minute, as the writer inserts them in
/// (host, ts) order: the row of <c>snapshot_minutes</c> a batch adds to. Reused for every
/// minute of every batch, so summing costs no allocation.
/// </summary>
public sealed class MinuteSums
{
    public const long MinuteMs = 60_000;

    private readonly double[] _sums = new double[ScalarMetrics.Count];

    public long HostId { get; private set; }
    public long MinuteTs { get; private set; }
    public int Samples { get; private set; }
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Whether <paramref name="row"/> belongs to the minute being summed (always false when none is).</summary>
    public bool Holds(SnapshotRow row) =>
        Samples > 0 && row.HostId.Value == HostId && MinuteOf(row.TsUnixMs) == MinuteTs;

    /// <summary>Adds the row; the caller first writes and resets the sums of another minute.</summary>
    public void Add(SnapshotRow row)
    {
        if (Samples == 0) (HostId, MinuteTs) = (row.HostId.Value, MinuteOf(row.TsUnixMs));
        Samples++;
        var values = row.Values.Span;
        for (var i = 0; i < _sums.Length; i++) _sums[i] += values[i];
    }

    public void Reset()
    {
        Samples = 0;
        Array.Clear(_sums);
    }

    /// <summary>The start of the minute holding <paramref name="tsUnixMs"/> (floored, also before 1970).</summary>
    public static long MinuteOf(long tsUnixMs) => tsUnixMs - (((tsUnixMs % MinuteMs) + MinuteMs) % MinuteMs);
}
