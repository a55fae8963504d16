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
}

/// <summary>Start-up refused: names every setting that is missing or wrong.</summary>
public sealed class AgentConfigurationException(IReadOnlyList<string> problems)
    : Exception("invalid configuration:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
