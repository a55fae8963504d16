namespace Lumen.Agent.Collectors;

/// <summary>
/// The last successful reading of a cumulative source and when it was taken. A rate spans the
/// time between two successful readings of that source, not between ticks: after a failed
/// tick the next rate covers both intervals instead of being inflated.
/// </summary>
public sealed class PreviousReading<T> where T : class
{
    private T? _reading;
    private double _at;

    /// <summary>Stores <paramref name="current"/> and returns the one it replaces with the seconds between them, or null on the first reading.</summary>
    public (T Reading, double ElapsedSeconds)? Replace(T current, double monotonicSeconds)
    {
        var previous = _reading is null ? ((T, double)?)null : (_reading, monotonicSeconds - _at);
        _reading = current;
        _at = monotonicSeconds;
        return previous;
    }
}
