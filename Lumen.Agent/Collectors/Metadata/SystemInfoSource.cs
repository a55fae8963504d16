using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Metadata;

/// <summary>
/// Fills <c>system</c> (and <c>host</c>). Facts that only change with a reboot or an agent
/// upgrade are read once; hostname, primary address and uptime on every tick.
/// </summary>
/// <param name="primaryAddress">Where the primary address comes from; specs pass a fixed one.</param>
public sealed class SystemInfoSource(CollectorOptions options, Func<string>? primaryAddress = null) : SyncFrameSource
{
    private StaticFacts? _facts;

    public override string Name => "system";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        var facts = _facts ??= StaticFacts.Read(options);
        var hostname = KernelFile.ReadOrNull(KernelFile.Under(options.ProcRoot, "sys/kernel/hostname"))?.Trim();
        var info = new SystemInfo
        {
            Os = facts.Os,
            Hostname = TextCap.Cap(string.IsNullOrEmpty(hostname) ? Environment.MachineName : hostname, IngestLimits.MaxHostnameLength),
            PrimaryIp = TextCap.Cap((primaryAddress ?? PrimaryAddress.Find)(), IngestLimits.MaxSystemStringLength),
            Kernel = facts.Kernel,
            Arch = facts.Arch,
            CpuModel = facts.CpuModel,
            UptimeSeconds = ProcUptime.ReadSeconds(options.ProcRoot) ?? 0,
            AgentVersion = AgentVersion.Current,
            VirtType = facts.VirtType,
        };
        frame.System = info;
        frame.Host = info.Hostname;
    }

    private sealed record StaticFacts(string Os, string Kernel, string Arch, string CpuModel, string VirtType)
    {
        public static StaticFacts Read(CollectorOptions options) => new(
            TextCap.Cap(EtcOsRelease.ReadPrettyName(options.HostRoot) ?? "Linux", IngestLimits.MaxSystemStringLength),
            TextCap.Cap(KernelFile.ReadOrNull(KernelFile.Under(options.ProcRoot, "sys/kernel/osrelease")), IngestLimits.MaxSystemStringLength),
            TextCap.Cap(MachineArchitecture.Current, IngestLimits.MaxShortSystemStringLength),
            TextCap.Cap(ProcCpuinfo.ReadModel(options.ProcRoot), IngestLimits.MaxSystemStringLength),
            TextCap.Cap(Virtualization.Detect(options), IngestLimits.MaxShortSystemStringLength));
    }
}
