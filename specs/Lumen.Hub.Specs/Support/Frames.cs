using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Specs.Support;

/// <summary>Valid ingest frames for specs.</summary>
public static class Frames
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static IngestFrame At(DateTimeOffset ts, double cpuPct = 10) => new()
    {
        Ts = ts, CpuPct = cpuPct, RamPct = 40, DiskPct = 50, Load1 = 0.5, Load5 = 0.4, Load15 = 0.3,
        NetRxBps = 1000, NetTxBps = 500, TempC = 45, CpuPerCore = [cpuPct, cpuPct],
        System = new SystemInfo { Os = "Debian GNU/Linux 12", Hostname = "spec", Arch = "amd64" },
    };

    public static IngestFrame At(int secondsAfterT0, double cpuPct = 10) => At(T0.AddSeconds(secondsAfterT0), cpuPct);
}
