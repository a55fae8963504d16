using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// One agent tick: the envelope an agent POSTs to <c>/api/ingest</c>. Field names, units and
/// bounds are those of the Go Lumen hub, so agents already deployed keep working; the
/// contract only grows. Per-core, containers, GPUs and processes are live-only.
/// </summary>
public sealed record IngestFrame
{
    /// <summary>Ignored by the hub: the bearer token's host is authoritative.</summary>
    public string? Host { get; init; }

    /// <summary>When the agent collected the frame (RFC 3339, normalised to UTC).</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; init; }

    public double CpuPct { get; init; }
    public double[]? CpuPerCore { get; init; }
    public double RamPct { get; init; }
    public double SwapPct { get; init; }
    public double DiskPct { get; init; }
    public double Load1 { get; init; }
    public double Load5 { get; init; }
    public double Load15 { get; init; }
    public double NetRxBps { get; init; }
    public double NetTxBps { get; init; }
    public double DiskRBps { get; init; }
    public double DiskWBps { get; init; }
    public double TempC { get; init; }
    public ContainerSample[]? Containers { get; init; }
    public SystemInfo? System { get; init; }
    public GpuSample[]? Gpus { get; init; }
    public ProcessSample[]? Processes { get; init; }

    /// <summary>Fields this hub does not know; any entry makes the frame invalid.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One running container as the agent saw it over the Docker socket.</summary>
public sealed record ContainerSample
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Image { get; init; } = "";
    public string State { get; init; } = "";
    /// <summary>Share of one core, so it can pass 100 on a multi-core host (as `docker stats`).</summary>
    public double CpuPct { get; init; }
    public long MemUsedBytes { get; init; }
    public long MemLimitBytes { get; init; }
    public double MemPct { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>Facts about the monitored machine that change rarely.</summary>
public sealed record SystemInfo
{
    public string Os { get; init; } = "";
    public string Hostname { get; init; } = "";
    public string PrimaryIp { get; init; } = "";
    public string Kernel { get; init; } = "";
    public string Arch { get; init; } = "";
    public string CpuModel { get; init; } = "";
    public long UptimeSeconds { get; init; }
    public string AgentVersion { get; init; } = "";
    /// <summary>container, lxc, kvm, … or empty on bare metal.</summary>
    public string VirtType { get; init; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One GPU's utilisation, memory and temperature.</summary>
public sealed record GpuSample
{
    public int Index { get; init; }
    public string Name { get; init; } = "";
    public double UtilPct { get; init; }
    public double MemUsedMb { get; init; }
    public double MemTotalMb { get; init; }
    public double TempC { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>One of the busiest processes, sent only when the policy enables it.</summary>
public sealed record ProcessSample
{
    public int Pid { get; init; }
    public string Name { get; init; } = "";
    public string User { get; init; } = "";
    public double CpuPct { get; init; }
    public double RssMb { get; init; }
    public string Cmd { get; init; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
