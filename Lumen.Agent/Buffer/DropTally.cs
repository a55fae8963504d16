namespace Lumen.Agent.Buffer;

/// <summary>
/// Counts frames the caps dropped: in total since start, and since the last log line. A full
/// buffer drops one frame per tick; the actor logs the first drop at once and then one
/// counted line per interval, not a line per frame (journald writes to the same SD card).
/// </summary>
public sealed class DropTally
{
    private int _byAge;
    private int _bySize;

    public long SinceStart { get; private set; }

    public bool HasUnreported => _byAge + _bySize > 0;

    public void Add(int byAge, int bySize)
    {
        _byAge += byAge;
        _bySize += bySize;
        SinceStart += byAge + bySize;
    }

    /// <summary>The drops not yet logged, now counted as logged.</summary>
    public (int ByAge, int BySize) TakeUnreported()
    {
        var unreported = (_byAge, _bySize);
        (_byAge, _bySize) = (0, 0);
        return unreported;
    }
}
