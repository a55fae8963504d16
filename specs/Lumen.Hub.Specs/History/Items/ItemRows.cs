using Lumen.Hub.History;
using Lumen.Hub.History.Items;
using Lumen.Hub.Hosts;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>Snapshot rows carrying containers and GPUs, for the container and GPU history specs.</summary>
public static class ItemRows
{
    /// <summary>A container whose memory is 1 MiB × <paramref name="cpuPct"/> and whose memory share is half its CPU, so each column shows which samples it summed.</summary>
    public static ContainerReading Container(string name, double cpuPct) => new(name, cpuPct, cpuPct * 1_048_576, cpuPct / 2);

    public static SnapshotRow WithContainers(HostId host, DateTimeOffset ts, params ContainerReading[] containers) =>
        Row(host, ts, 1) with { Containers = containers };

    public static GpuReading Gpu(int index, double utilPct, string name = "RTX 3060") => new(index, name, utilPct, utilPct * 10, 12_288, 40 + utilPct / 10);

    public static SnapshotRow WithGpus(HostId host, DateTimeOffset ts, params GpuReading[] gpus) => Row(host, ts, 1) with { Gpus = gpus };
}
