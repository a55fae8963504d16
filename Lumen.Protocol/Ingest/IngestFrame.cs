using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// One agent tick: the envelope an agent POSTs to <c>/api/ingest</c>. Field names, units and
/// bounds are those of the Go Lumen hub, so agents already deployed keep working; the
/// contract only grows. Per-core, containers, GPUs and processes are live-only.
/// </summary>
/// <remarks>
/// Setters, not init: the JSON source generator reads init-only records through its
/// constructor path, which boxes every number. Nothing mutates a frame after parsing.
/// </remarks>
public sealed record IngestFrame
{
    /// <summary>Ignored by the hub: the bearer token's host is authoritative.</summary>
    public string? Host { get; set; }

    /// <summary>When the agent collected the frame (RFC 3339, normalised to UTC).</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; set; }

    public double CpuPct { get; set; }
    public double[]? CpuPerCore { get; set; }
    public double RamPct { get; set; }
    public double SwapPct { get; set; }
    public double DiskPct { get; set; }
    public double Load1 { get; set; }
    public double Load5 { get; set; }
    public double Load15 { get; set; }
    public double NetRxBps { get; set; }
    public double NetTxBps { get; set; }
    public double DiskRBps { get; set; }
    public double DiskWBps { get; set; }
    public double TempC { get; set; }
    public ContainerSample[]? Containers { get; set; }
    public SystemInfo? System { get; set; }
    public GpuSample[]? Gpus { get; set; }
    public ProcessSample[]? Processes { get; set; }

    /// <summary>Fields this hub does not know; any entry makes the frame invalid.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One running container as the agent saw it over the Docker socket.</summary>
public sealed record ContainerSample
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public string State { get; set; } = "";
    /// <summary>Share of one core, so it can pass 100 on a multi-core host (as `docker stats`).</summary>
    public double CpuPct { get; set; }
    public long MemUsedBytes { get; set; }
    public long MemLimitBytes { get; set; }
    public double MemPct { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>Facts about the monitored machine that change rarely.</summary>
public sealed record SystemInfo
{
    public string Os { get; set; } = "";
    public string Hostname { get; set; } = "";
    public string PrimaryIp { get; set; } = "";
    public string Kernel { get; set; } = "";
    public string Arch { get; set; } = "";
    public string CpuModel { get; set; } = "";
    public long UptimeSeconds { get; set; }
    public string AgentVersion { get; set; } = "";
    /// <summary>container, lxc, kvm, … or empty on bare metal.</summary>
    public string VirtType { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One GPU's utilisation, memory and temperature.</summary>
public sealed record GpuSample
{
    public int Index { get; set; }
    public string Name { get; set; } = "";
    public double UtilPct { get; set; }
    public double MemUsedMb { get; set; }
    public double MemTotalMb { get; set; }
    public double TempC { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One of the busiest processes, sent only when the policy enables it.</summary>
public sealed record ProcessSample
{
    public int Pid { get; set; }
    public string Name { get; set; } = "";
    public string User { get; set; } = "";
    public double CpuPct { get; set; }
    public double RssMb { get; set; }
    public string Cmd { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
