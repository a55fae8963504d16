using Lumen.Agent.Collectors.Cpu;
using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Collectors.Docker;
using Lumen.Agent.Collectors.Gpu;
using Lumen.Agent.Collectors.Load;
using Lumen.Agent.Collectors.Memory;
using Lumen.Agent.Collectors.Metadata;
using Lumen.Agent.Collectors.Network;
using Lumen.Agent.Collectors.Processes;
using Lumen.Agent.Collectors.Temperature;

namespace Lumen.Agent.Collectors;

/// <summary>The agent's sources, in the order they fill a frame.</summary>
public static class CollectorSources
{
    public static IReadOnlyList<IFrameSource> Default(CollectorOptions options) =>
    [
        new CpuSource(options.ProcRoot),
        new MemorySource(options.ProcRoot),
        new LoadSource(options.ProcRoot),
        new TemperatureSource(options.SysRoot),
        new NetworkSource(options.ProcRoot, options.SysRoot),
        new DiskIoSource(options.ProcRoot, options.SysRoot),
        new DiskUsageSource(options.DiskPath),
        new FilesystemsSource(options.ProcRoot, options.ExtraFilesystems),
        new SystemInfoSource(options),
        new DockerSource(options),
        new GpuSource(options),
        new ProcessSource(options),
    ];
}
