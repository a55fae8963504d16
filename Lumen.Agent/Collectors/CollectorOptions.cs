namespace Lumen.Agent.Collectors;

/// <summary>
/// Where the collectors look. Every path is a setting so specs run on fixture trees and an agent
/// in a container can read the host's /proc, /sys and root filesystem mounted elsewhere.
/// </summary>
public sealed record CollectorOptions
{
    public string ProcRoot { get; init; } = "/proc";
    public string SysRoot { get; init; } = "/sys";

    /// <summary>The host's root filesystem: <c>/etc/os-release</c>, <c>/.dockerenv</c>, <c>/run/systemd/container</c>.</summary>
    public string HostRoot { get; init; } = "/";

    /// <summary>The filesystem reported as <c>disk_pct</c> (<c>LUMEN_AGENT_DISK_PATH</c>).</summary>
    public string DiskPath { get; init; } = "/";

    /// <summary>Paths whose filesystems are reported beside the local disks' (<c>LUMEN_AGENT_EXTRA_FILESYSTEMS</c>).</summary>
    public IReadOnlyList<string> ExtraFilesystems { get; init; } = [];

    /// <summary>The Docker Engine API socket (<c>LUMEN_AGENT_DOCKER_SOCKET</c>).</summary>
    public string DockerSocket { get; init; } = "/var/run/docker.sock";

    /// <summary>
    /// Per request to the Docker API. Short, because a hung daemon must not stall the tick that
    /// also carries CPU and memory.
    /// </summary>
    public TimeSpan DockerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where nvidia-smi is looked for, PATH-style: the agent's own PATH. A setting so specs can
    /// put a stand-in there without touching the process's environment.
    /// </summary>
    public string ExecutableSearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";

    /// <summary>Per run of nvidia-smi. A GPU driver that hangs must not stall the tick for longer.</summary>
    public TimeSpan NvidiaSmiTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long nvidia-smi is not looked for again after it was missing, and not run again after
    /// a run failed: a machine without it (or with a broken one) is not asked every tick.
    /// </summary>
    public TimeSpan NvidiaSmiRetry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether this host lets the process list be sent at all (<c>LUMEN_AGENT_PROCESSES</c>): false
    /// wins over a hub whose policy asks for it.
    /// </summary>
    public bool Processes { get; init; } = true;
}
