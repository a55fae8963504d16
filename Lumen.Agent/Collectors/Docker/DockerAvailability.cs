namespace Lumen.Agent.Collectors.Docker;

/// <summary>
/// Whether the Docker API was reachable last time, so a missing socket costs one log line and
/// not one per tick. Each tick still tries again; only changes of state produce a notice.
/// </summary>
public sealed class DockerAvailability
{
    private string? _problem;

    /// <returns>A notice when this problem is new (first failure, or a different one), else null.</returns>
    public string? Failed(string problem)
    {
        if (problem == _problem) return null;
        _problem = problem;
        return $"containers are not reported: {problem}; retrying quietly every tick";
    }

    /// <returns>A notice when Docker was unavailable before, else null.</returns>
    public string? Succeeded()
    {
        if (_problem is null) return null;
        _problem = null;
        return "the Docker API answers again; containers are reported";
    }
}
