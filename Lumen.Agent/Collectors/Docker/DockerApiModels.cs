using System.Text.Json.Serialization;

namespace Lumen.Agent.Collectors.Docker;

/// <summary>One entry of <c>GET /containers/json</c>: only the fields the agent reports.</summary>
public sealed class DockerContainerSummary
{
    [JsonPropertyName("Id")] public string Id { get; set; } = "";
    [JsonPropertyName("Names")] public string[]? Names { get; set; }
    [JsonPropertyName("Image")] public string Image { get; set; } = "";
    [JsonPropertyName("State")] public string State { get; set; } = "";
}

/// <summary>The parts of <c>GET /containers/{id}/stats</c> that <c>docker stats</c> uses for CPU and memory.</summary>
public sealed class DockerStats
{
    [JsonPropertyName("cpu_stats")] public DockerCpuStats CpuStats { get; set; } = new();
    [JsonPropertyName("precpu_stats")] public DockerCpuStats PreCpuStats { get; set; } = new();
    [JsonPropertyName("memory_stats")] public DockerMemoryStats MemoryStats { get; set; } = new();
}

public sealed class DockerCpuStats
{
    [JsonPropertyName("cpu_usage")] public DockerCpuUsage CpuUsage { get; set; } = new();
    /// <summary>Host CPU time of all cores, in nanoseconds (absent on Windows and in empty precpu_stats).</summary>
    [JsonPropertyName("system_cpu_usage")] public ulong SystemCpuUsage { get; set; }
    [JsonPropertyName("online_cpus")] public uint OnlineCpus { get; set; }
}

public sealed class DockerCpuUsage
{
    /// <summary>Container CPU time in nanoseconds.</summary>
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; set; }
    [JsonPropertyName("percpu_usage")] public ulong[]? PercpuUsage { get; set; }
}

public sealed class DockerMemoryStats
{
    [JsonPropertyName("usage")] public ulong Usage { get; set; }
    [JsonPropertyName("limit")] public ulong Limit { get; set; }
    /// <summary>cgroup counters: <c>inactive_file</c> (v2) or <c>total_inactive_file</c> (v1).</summary>
    [JsonPropertyName("stats")] public Dictionary<string, ulong>? Stats { get; set; }
}

/// <summary>Source-generated JSON for the Docker API, so the agent needs no reflection.</summary>
[JsonSerializable(typeof(DockerContainerSummary[]))]
[JsonSerializable(typeof(DockerStats))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
