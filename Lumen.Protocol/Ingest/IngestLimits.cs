using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// The bounds of the Go Lumen hub's ingest validation. A frame outside them is refused with
/// a 400 naming the field, so an agent bug shows up at once instead of as odd charts.
/// </summary>
public static class IngestLimits
{
    public const double MaxPercent = ScalarMetrics.MaxPercent;
    public const double MinTempC = ScalarMetrics.MinTempC;
    public const double MaxTempC = ScalarMetrics.MaxTempC;
    public const int MaxCores = 256;
    public const int MaxContainers = 500;
    public const int MaxGpus = 64;
    public const int MaxProcesses = 500;

    /// <summary>A storage server with a full JBOD shelf or two; each disk costs a history row per bucket.</summary>
    public const int MaxDisks = 128;

    public const int MaxNics = 64;
    public const int MaxFilesystems = 64;

    /// <summary>Docker reports container CPU as a share of one core: up to 100 × cores.</summary>
    public const double MaxContainerCpuPct = MaxPercent * MaxCores;

    public const int MaxContainerIdLength = 64;
    public const int MaxContainerNameLength = 128;
    public const int MaxContainerImageLength = 256;
    public const int MaxContainerStateLength = 32;

    public const int MaxShortSystemStringLength = 32;  // arch, virt_type, agent_version
    public const int MaxHostnameLength = 256;
    public const int MaxSystemStringLength = 256;      // os, kernel, cpu_model, primary_ip

    public const int MaxGpuNameLength = 128;
    public const int MaxProcessNameLength = 128;
    public const int MaxProcessUserLength = 64;
    public const int MaxProcessCmdLength = 1024;

    /// <summary>Kernel names are far shorter (32 for a disk, 15 for an interface); the cap of the other names.</summary>
    public const int MaxDeviceNameLength = 128;
    public const int MaxMountLength = 512;
    public const int MaxFilesystemDeviceLength = 256;
    public const int MaxFsTypeLength = 32;

    /// <summary>
    /// A frame with every list at its cap stays well below this; anything larger is not an
    /// agent and is refused with 413 before it is parsed.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Clocks before this are unset clocks (a Pi without RTC before NTP), not data.</summary>
    public static readonly DateTimeOffset EarliestTs = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
