namespace Lumen.Agent.Specs.Support;

/// <summary>A monotonic clock that moves only when a spec says so.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.FromHours(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
