namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// Each process's CPU use between two ticks, as top shows it: the CPU time it gained over the
/// wall time passed, in % of one core (so a busy multi-threaded process passes 100). Keeps one
/// reading per process seen on the previous tick, and only those, so exited processes do not
/// accumulate.
/// </summary>
public sealed class ProcessCpuTimes
{
    /// <summary>USER_HZ, the unit of /proc's times: 100 on every architecture the agent ships for (amd64, arm64, armv7).</summary>
    public const double TicksPerSecond = 100;

    private Dictionary<int, (ulong Start, ulong Ticks)> _previous = [];
    private Dictionary<int, (ulong Start, ulong Ticks)> _current = [];
    private double? _previousAt;
    private double _elapsed;
    private readonly double _maxPercent = 100.0 * Environment.ProcessorCount;

    /// <summary>Starts a tick; the first one (and the first after <see cref="Forget"/>) reports 0 for every process.</summary>
    public void Begin(double monotonicSeconds) => _elapsed = _previousAt is { } at ? monotonicSeconds - at : 0;

    /// <summary>The process's use since the previous tick, and remembers this reading for the next.</summary>
    public double Percent(int pid, PidStat stat)
    {
        _current[pid] = (stat.StartTicks, stat.CpuTicks);
        if (_elapsed <= 0) return 0;
        ulong gained;
        if (_previous.TryGetValue(pid, out var before) && before.Start == stat.StartTicks)
            gained = stat.CpuTicks >= before.Ticks ? stat.CpuTicks - before.Ticks : 0;
        else
            // New since the previous tick (or the pid was reused): all its time falls in this interval.
            gained = stat.CpuTicks;
        return Math.Min(gained / TicksPerSecond / _elapsed * 100, _maxPercent);
    }

    /// <summary>Ends a tick: this tick's readings become the previous ones.</summary>
    public void End(double monotonicSeconds)
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
        _previousAt = monotonicSeconds;
    }

    /// <summary>Drops every reading (processes switched off); the memory goes with them.</summary>
    public void Forget()
    {
        _previous = [];
        _current = [];
        _previousAt = null;
    }
}
