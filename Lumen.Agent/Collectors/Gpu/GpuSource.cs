using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// Fills <c>gpus</c>: NVIDIA through nvidia-smi, AMD through /sys/class/drm. A machine without
/// a GPU leaves the field null, with no error and no log line.
/// </summary>
public sealed class GpuSource(CollectorOptions options) : IFrameSource, IDisposable
{
    private readonly NvidiaGpus _nvidia = new(options);

    public string Name => "gpu";

    public async ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct)
    {
        var (nvidia, notice) = await _nvidia.ReadAsync(tick.MonotonicSeconds, ct);
        var amd = SysClassDrm.ReadAmd(options.SysRoot);
        frame.Gpus = nvidia.Count + amd.Count == 0 ? null : GpuIndexes.Merge(nvidia, amd);
        return notice;
    }

    public void Dispose() => _nvidia.Dispose();
}
