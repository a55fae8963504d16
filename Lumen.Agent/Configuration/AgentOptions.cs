namespace Lumen.Agent.Configuration;

/// <summary>Everything the agent needs to run, already checked.</summary>
public sealed record AgentOptions(
    Uri HubUrl,
    string Token,
    string Host,
    TimeSpan Interval,
    string DiskPath,
    string DockerSocket,
    string BufferPath,
    TimeSpan BufferMaxAge,
    int BufferDrain)
{
    /// <summary>Absolute paths whose filesystems are reported beside the local disks' (<c>LUMEN_AGENT_EXTRA_FILESYSTEMS</c>).</summary>
    public IReadOnlyList<string> ExtraFilesystems { get; init; } = [];

    /// <summary><c>LUMEN_AGENT_PROCESSES</c>: false keeps the process list off whatever the hub's policy asks.</summary>
    public bool Processes { get; init; } = true;
}

/// <summary>Start-up refused: names every setting that is missing or wrong.</summary>
public sealed class AgentConfigurationException(IReadOnlyList<string> problems)
    : Exception("invalid configuration:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
