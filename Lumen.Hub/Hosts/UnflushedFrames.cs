using Lumen.Protocol.Policy;

namespace Lumen.Hub.Hosts;

/// <summary>
/// One accepted frame as history needs it until its row is committed: its durability number,
/// its time by the agent's clock and its scalar values (the frame's own array, not a copy).
/// </summary>
public readonly record struct UnflushedFrame(long Seq, long TsUnixMs, ReadOnlyMemory<double> Values);

/// <summary>
/// One host's accepted frames whose sequence number is above its durable watermark: those a
/// history answer must take from memory, since SQLite may not have them yet. Frames at or
/// below the watermark are let go of whenever the watermark is looked at (each new frame, each
/// history question): SQLite has every one of them that was acknowledged. At most
/// <see cref="Capacity"/> frames: when full, the frame oldest by the agent's clock gives way,
/// since the newest are a chart's right edge. A frame that gives way is still queued and
/// reaches SQLite with its batch; only history misses it until then. Its host actor owns it.
/// </summary>
public sealed class UnflushedFrames(int capacity)
{
    /// <summary>Never fewer than this per host, however short the flush interval.</summary>
    public const int MinCapacity = 16;

    // Grown as needed up to the capacity: most hosts hold a flush interval of frames, a dozen at 5 s.
    private UnflushedFrame[] _frames = [];

    // The lowest number held (MaxValue when none), so that a watermark below it costs one comparison: this runs on every frame.
    private long _lowestSeq = long.MaxValue;

    public int Capacity { get; } = capacity;
    public int Count { get; private set; }

    /// <summary>
    /// What one host sends within one flush interval, twice over, at the fastest interval the hub
    /// hands out (<see cref="AgentIntervalBounds.Min"/>): room for a write that takes a while and
    /// for the extra frames of a draining agent buffer. 60 at the default 60 s flush.
    /// </summary>
    public static int CapacityFor(TimeSpan flushEvery) =>
        Math.Max(MinCapacity, 2 * (int)Math.Ceiling(flushEvery / AgentIntervalBounds.Min));

    /// <summary>
    /// Keeps <paramref name="frame"/> unless it is durable already (its batch committed before
    /// its host actor saw it), after letting go of every frame at or below <paramref name="durable"/>.
    /// </summary>
    /// <returns>whether the frame is kept: not when durable, nor when the tail is full of newer frames.</returns>
    public bool Keep(UnflushedFrame frame, long durable)
    {
        Forget(durable);
        if (frame.Seq <= durable) return false;
        if (Count < Capacity)
        {
            Append(frame);
            return true;
        }
        var oldest = IndexOfOldest();
        if (_frames[oldest].TsUnixMs >= frame.TsUnixMs) return false;
        _frames[oldest] = frame;
        _lowestSeq = LowestSeq();
        return true;
    }

    /// <summary>Lets go of every frame at or below the durable watermark.</summary>
    public void Forget(long durable)
    {
        if (durable < _lowestSeq) return;
        var kept = 0;
        for (var i = 0; i < Count; i++)
            if (_frames[i].Seq > durable) _frames[kept++] = _frames[i];
        Truncate(kept);
    }

    /// <summary>Lets go of every frame whose number is resolved ahead of the watermark: committed out of order, or refused with a 503.</summary>
    public void ForgetResolved(Func<long, bool> isResolved)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
            if (!isResolved(_frames[i].Seq)) _frames[kept++] = _frames[i];
        Truncate(kept);
    }

    /// <summary>
    /// The frames with <paramref name="fromMs"/> ≤ ts &lt; <paramref name="toMs"/> that
    /// <paramref name="isPending"/> says are neither committed nor refused, oldest first, one per
    /// ts: a frame sent again has the same (host, ts) as the first, SQLite keeps one row of the
    /// two, and so history counts one (the first accepted).
    /// </summary>
    public UnflushedFrame[] InWindow(long fromMs, long toMs, Func<long, bool> isPending)
    {
        var inWindow = new List<UnflushedFrame>(Count);
        for (var i = 0; i < Count; i++)
            if (_frames[i].TsUnixMs >= fromMs && _frames[i].TsUnixMs < toMs && isPending(_frames[i].Seq)) inWindow.Add(_frames[i]);
        inWindow.Sort(static (x, y) => x.TsUnixMs != y.TsUnixMs ? x.TsUnixMs.CompareTo(y.TsUnixMs) : x.Seq.CompareTo(y.Seq));
        var distinct = new List<UnflushedFrame>(inWindow.Count);
        foreach (var frame in inWindow)
            if (distinct.Count == 0 || distinct[^1].TsUnixMs != frame.TsUnixMs) distinct.Add(frame);
        return [.. distinct];
    }

    private void Append(UnflushedFrame frame)
    {
        if (Count == _frames.Length) Array.Resize(ref _frames, Math.Min(Capacity, Math.Max(4, 2 * _frames.Length)));
        _frames[Count++] = frame;
        _lowestSeq = Math.Min(_lowestSeq, frame.Seq);
    }

    /// <summary>Keeps the first <paramref name="kept"/> frames; cleared slots let go of the others' values.</summary>
    private void Truncate(int kept)
    {
        Array.Clear(_frames, kept, Count - kept);
        Count = kept;
        _lowestSeq = LowestSeq();
    }

    private long LowestSeq()
    {
        var lowest = long.MaxValue;
        for (var i = 0; i < Count; i++) lowest = Math.Min(lowest, _frames[i].Seq);
        return lowest;
    }

    private int IndexOfOldest()
    {
        var oldest = 0;
        for (var i = 1; i < Count; i++)
            if (_frames[i].TsUnixMs < _frames[oldest].TsUnixMs) oldest = i;
        return oldest;
    }
}

/// <summary>
/// What the host actors need to keep their <see cref="UnflushedFrames"/>: the ledger that says
/// which numbers are resolved, and how many frames one host may hold.
/// </summary>
public sealed record UnflushedTracking(DurabilityLedger Ledger, int FramesPerHost);
