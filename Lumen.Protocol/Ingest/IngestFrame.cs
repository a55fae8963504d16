using System.Text.Json;
using System.Text.Json.Serialization;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// One agent tick: the envelope an agent POSTs to <c>/api/ingest</c>. Field names, units and
/// bounds are those of the Go Lumen hub, so agents already deployed keep working; the
/// contract only grows. Its scalar fields are the metrics of <see cref="ScalarMetrics"/>.
/// Per-core and processes are live-only; the hub keeps containers, GPUs, disks, NICs and
/// filesystems per bucket.
/// </summary>
/// <remarks>
/// Setters, not init: the JSON source generator reads init-only records through its
/// constructor path, which boxes every number. Nothing mutates a frame after parsing, so a
/// copy made with <c>with</c> may share the scalar values with its original.
/// </remarks>
public sealed record IngestFrame : IScalarValues
{
    /// <summary>Ignored by the hub: the bearer token's host is authoritative.</summary>
    public string? Host { get; set; }

    /// <summary>When the agent collected the frame (RFC 3339, normalised to UTC).</summary>
    [JsonConverter(typeof(Rfc3339TimestampConverter))]
    public DateTimeOffset Ts { get; set; }

    /// <summary>The value of one scalar metric (<see cref="ScalarMetrics"/>); 0 when the agent did not send it.</summary>
    public double this[ScalarMetric metric]
    {
        get => _scalars[metric.Index];
        set => _scalars[metric.Index] = value;
    }

    /// <summary>Every scalar metric's value in catalogue order, shared (not copied) with whatever keeps the frame.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<double> Scalars => _scalars;

    double[] IScalarValues.ScalarStorage => _scalars;

    private readonly double[] _scalars = new double[ScalarMetrics.Count];

    public double[]? CpuPerCore { get; set; }
    public ContainerSample[]? Containers { get; set; }
    public SystemInfo? System { get; set; }
    public GpuSample[]? Gpus { get; set; }
    public ProcessSample[]? Processes { get; set; }

    // Beyond the Go frame: sent only to a hub whose policy lists them (OptionalFrameFields),
    // and not even as null when there are none.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DiskSample[]? Disks { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NicSample[]? Nics { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FilesystemSample[]? Filesystems { get; set; }

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
