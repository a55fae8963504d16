using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// One index per GPU in a frame: the hub keeps GPU history by index, so two GPUs sharing one
/// would be averaged into a single line.
/// </summary>
public static class GpuIndexes
{
    /// <summary>
    /// NVIDIA GPUs keep nvidia-smi's index and AMD cards their card number; an AMD card whose
    /// number an NVIDIA GPU already has (a machine with both) takes the next free index.
    /// </summary>
    public static GpuSample[] Merge(IReadOnlyList<GpuSample> nvidia, IReadOnlyList<GpuSample> amd)
    {
        var gpus = new List<GpuSample>(nvidia.Count + amd.Count);
        var taken = new HashSet<int>();
        foreach (var gpu in nvidia)
            if (taken.Add(gpu.Index)) gpus.Add(gpu);
        foreach (var gpu in amd)
        {
            var index = gpu.Index;
            while (!taken.Add(index)) index++;
            gpus.Add(index == gpu.Index ? gpu : gpu with { Index = index });
        }
        return gpus.Count > IngestLimits.MaxGpus ? gpus.GetRange(0, IngestLimits.MaxGpus).ToArray() : gpus.ToArray();
    }
}
