namespace Lumen.Agent.Buffer;

/// <summary>One frame in the buffer: its id, when it was collected, and its wire JSON.</summary>
public sealed record StoredFrame(long Id, DateTimeOffset Ts, byte[] Json);

/// <summary>How much the buffer may hold; see <see cref="BufferOptions"/>.</summary>
public sealed record BufferCaps(TimeSpan MaxAge, int MaxFrames, long MaxBytes)
{
    public static BufferCaps From(BufferOptions options) => new(options.MaxAge, options.MaxFrames, options.MaxBytes);
}

/// <summary>The oldest frames a cap wants gone: so many for age, the rest for size.</summary>
public sealed record CapDrop(IReadOnlyList<long> Ids, int ByAge, int BySize)
{
    public static readonly CapDrop Nothing = new([], 0, 0);
}

/// <summary>
/// The frames the hub has not accepted, oldest (by collection time, then arrival) first, with
/// the caps that bound them. Pure: the actor decides with <see cref="OverCaps"/>, journals the
/// decision, then applies it with <see cref="Remove"/>, so a replay repeats it exactly.
/// </summary>
public sealed class FrameBufferState(BufferCaps caps)
{
    // Collection time first: after a resend the sender may buffer an older frame behind newer ones.
    private static readonly IComparer<StoredFrame> OldestFirst = Comparer<StoredFrame>.Create(
        (a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : a.Id.CompareTo(b.Id));

    private readonly SortedSet<StoredFrame> _queue = new(OldestFirst);
    private readonly Dictionary<long, StoredFrame> _byId = [];

    public BufferCaps Caps => caps;

    public int Count => _byId.Count;

    /// <summary>Bytes of frame JSON held.</summary>
    public long Bytes { get; private set; }

    public DateTimeOffset? OldestTs => _queue.Count > 0 ? _queue.Min!.Ts : null;

    /// <summary>The lowest id held: every journal event below it is no longer needed.</summary>
    public long? LowestId => _byId.Count > 0 ? _byId.Keys.Min() : null;

    /// <summary>Adds a frame; an id already held is ignored.</summary>
    public void Add(StoredFrame frame)
    {
        if (!_byId.TryAdd(frame.Id, frame)) return;
        _queue.Add(frame);
        Bytes += frame.Json.Length;
    }

    /// <summary>Removes the frames with these ids and says how many were held.</summary>
    public int Remove(IEnumerable<long> ids)
    {
        var removed = 0;
        foreach (var id in ids)
        {
            if (!_byId.Remove(id, out var frame)) continue;
            _queue.Remove(frame);
            Bytes -= frame.Json.Length;
            removed++;
        }
        return removed;
    }

    /// <summary>The ids among <paramref name="ids"/> that are held, each once.</summary>
    public long[] Held(IEnumerable<long> ids) => ids.Where(_byId.ContainsKey).Distinct().ToArray();

    /// <summary>Up to <paramref name="max"/> frames, oldest first.</summary>
    public IReadOnlyList<StoredFrame> Oldest(int max) => max <= 0 ? [] : _queue.Take(max).ToList();

    /// <summary>
    /// The oldest frames to drop so that none is older than the age cap at <paramref name="now"/>
    /// and the rest fit the frame and byte caps. Changes nothing.
    /// </summary>
    public CapDrop OverCaps(DateTimeOffset now)
    {
        var cutoff = now - caps.MaxAge;
        var ids = new List<long>();
        var (byAge, count, bytes) = (0, Count, Bytes);
        foreach (var frame in _queue)
        {
            if (frame.Ts < cutoff) byAge++;
            else if (count <= caps.MaxFrames && bytes <= caps.MaxBytes) break;
            ids.Add(frame.Id);
            count--;
            bytes -= frame.Json.Length;
        }
        return ids.Count == 0 ? CapDrop.Nothing : new CapDrop(ids, byAge, ids.Count - byAge);
    }
}
