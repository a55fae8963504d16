using Lumen.Protocol.Ingest;

namespace Lumen.Hub.History.Items;

/// <summary>One container of a frame as history keeps it: its name (the key of its history) and what is summed per bucket.</summary>
public readonly record struct ContainerReading(string Name, double CpuPct, double MemUsedBytes, double MemPct);

/// <summary>One GPU of a frame as history keeps it: its index (the key of its history), its name, and what is summed per bucket.</summary>
public readonly record struct GpuReading(int Index, string Name, double UtilPct, double MemUsedMb, double MemTotalMb, double TempC);

/// <summary>
/// What history keeps of a frame's containers and GPUs, taken when the frame is accepted so the
/// batch queue holds a few numbers per container rather than the parsed frame's strings.
/// </summary>
public static class ItemReadings
{
    /// <summary>
    /// Containers kept per frame: a busy homelab host runs a few dozen, and each one kept costs
    /// a row per bucket (105,120 a year at 5 minutes), so a host sending hundreds cannot grow the
    /// archive without bound. Beyond it the busiest by CPU (then memory) are kept; the live view
    /// still shows every container.
    /// </summary>
    public const int MaxContainersPerFrame = 50;

    /// <summary>The longest name kept: the ingest check's bound, so a frame made in-process (an import) is held to it too.</summary>
    public const int MaxNameLength = IngestLimits.MaxContainerNameLength;

    /// <summary>Docker's short id: the name of a container reported without one.</summary>
    private const int ShortIdLength = 12;

    /// <returns>the readings (null when the frame has none), and how many containers were left out.</returns>
    public static (ContainerReading[]? Readings, int LeftOut) Containers(ContainerSample[]? containers)
    {
        if (containers is null || containers.Length == 0) return (null, 0);
        var kept = containers;
        if (containers.Length > MaxContainersPerFrame)
        {
            kept = (ContainerSample[])containers.Clone();
            Array.Sort(kept, static (x, y) => x.CpuPct != y.CpuPct ? y.CpuPct.CompareTo(x.CpuPct) : y.MemUsedBytes.CompareTo(x.MemUsedBytes));
            kept = kept[..MaxContainersPerFrame];
        }
        var readings = new List<ContainerReading>(kept.Length);
        foreach (var c in kept)
            if (NameOf(c) is { } name)
                readings.Add(new ContainerReading(name, c.CpuPct, c.MemUsedBytes, c.MemPct));
        return (readings.Count == 0 ? null : readings.ToArray(), containers.Length - kept.Length);
    }

    /// <returns>the GPUs' readings, or null when the frame has none (the ingest check bounds them to 64).</returns>
    public static GpuReading[]? Gpus(GpuSample[]? gpus)
    {
        if (gpus is null || gpus.Length == 0) return null;
        var readings = new GpuReading[gpus.Length];
        for (var i = 0; i < gpus.Length; i++)
        {
            var g = gpus[i];
            readings[i] = new GpuReading(g.Index, Bound(g.Name, IngestLimits.MaxGpuNameLength), g.UtilPct, g.MemUsedMb, g.MemTotalMb, g.TempC);
        }
        return readings;
    }

    /// <summary>The name, else the short id (a container reported without a name), else none: such a container has no history.</summary>
    private static string? NameOf(ContainerSample c) =>
        c.Name.Length > 0 ? Bound(c.Name, MaxNameLength)
        : c.Id.Length > 0 ? c.Id[..Math.Min(ShortIdLength, c.Id.Length)]
        : null;

    private static string Bound(string text, int length) => text.Length <= length ? text : text[..length];
}
