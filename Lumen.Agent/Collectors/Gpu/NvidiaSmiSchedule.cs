namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// When nvidia-smi may run, and what is worth a log line. Missing from PATH (most machines) is
/// silent and looked for again only after <paramref name="retry"/>; a run that failed (exit
/// code, timeout, cannot start) waits as long, so a broken or hung nvidia-smi is not spawned
/// every tick, and its problem is reported once until it changes or the tool answers again.
/// </summary>
public sealed class NvidiaSmiSchedule(TimeSpan retry)
{
    private double _notBefore = double.NegativeInfinity;
    private string? _problem;

    /// <param name="now">seconds on the tick's monotonic clock.</param>
    public bool IsDue(double now) => now >= _notBefore;

    /// <summary>Not on PATH: no NVIDIA GPU here, which needs no log line.</summary>
    public void NotFound(double now) => _notBefore = now + retry.TotalSeconds;

    /// <returns>A notice when this problem is new, else null.</returns>
    public string? Failed(double now, string problem)
    {
        _notBefore = now + retry.TotalSeconds;
        if (problem == _problem) return null;
        _problem = problem;
        return $"NVIDIA GPUs are not reported: {problem}; trying again every {retry.TotalMinutes:0.#} min";
    }

    /// <returns>A notice when the last run had failed, else null.</returns>
    public string? Succeeded()
    {
        _notBefore = double.NegativeInfinity;
        if (_problem is null) return null;
        _problem = null;
        return "nvidia-smi answers again; NVIDIA GPUs are reported";
    }
}
