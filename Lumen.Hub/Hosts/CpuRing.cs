namespace Lumen.Hub.Hosts;

/// <summary>
/// The last <see cref="Capacity"/> CPU samples of one host (10 min at 5 s), oldest overwritten
/// first. Stored as unix seconds and half-precision percentages (three significant digits,
/// plenty for a sparkline): about 750 bytes a host, because a hub holds thousands of these. Only samples newer than the newest are taken, so a draining agent
/// buffer never scrambles the sparkline (its old frames still reach the database).
/// </summary>
public sealed class CpuRing
{
    public const int Capacity = 120;

    private readonly uint[] _ts = new uint[Capacity];
    private readonly Half[] _pct = new Half[Capacity];
    private int _next;

    public int Count { get; private set; }

    public long NewestTs => Count == 0 ? long.MinValue : _ts[(_next - 1 + Capacity) % Capacity];

    /// <returns>false when the sample is not newer than the newest held.</returns>
    public bool Add(long unixSeconds, double cpuPct)
    {
        if (unixSeconds <= NewestTs || unixSeconds < 0 || unixSeconds > uint.MaxValue)
            return false;
        _ts[_next] = (uint)unixSeconds;
        _pct[_next] = (Half)cpuPct;
        _next = (_next + 1) % Capacity;
        if (Count < Capacity) Count++;
        return true;
    }

    /// <summary>The held samples, oldest first.</summary>
    public Protocol.Live.CpuPoint[] ToArray()
    {
        var result = new Protocol.Live.CpuPoint[Count];
        var start = (_next - Count + Capacity) % Capacity;
        for (var i = 0; i < Count; i++)
        {
            var at = (start + i) % Capacity;
            result[i] = new Protocol.Live.CpuPoint(_ts[at], (float)_pct[at]);
        }
        return result;
    }
}
