using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Bench.Load;

/// <summary>
/// Realistic ingest frames, one per simulated host: the shapes a homelab sends (2 to 16
/// cores, a handful of Docker containers, the system block on every tick, a GPU on some).
/// Seeded by the host's index, so every run sends the same bodies.
/// </summary>
public static class AgentFrames
{
    private static readonly (string Name, string Image)[] Services =
    [
        ("jellyfin", "jellyfin/jellyfin:10.9"), ("pihole", "pihole/pihole:2024.07.0"),
        ("home-assistant", "ghcr.io/home-assistant/home-assistant:2024.11"), ("nextcloud", "nextcloud:29-apache"),
        ("postgres", "postgres:16-alpine"), ("traefik", "traefik:v3.1"), ("grafana", "grafana/grafana:11.2.0"),
        ("vaultwarden", "vaultwarden/server:1.32.0"), ("syncthing", "syncthing/syncthing:1.27"),
    ];

    private static readonly string[] CpuModels =
    [
        "Intel(R) Celeron(R) N5105 @ 2.00GHz", "AMD Ryzen 5 5600G with Radeon Graphics",
        "Intel(R) Core(TM) i5-8500T CPU @ 2.10GHz", "Cortex-A76",
    ];

    private static readonly int[] CoreCounts = [2, 4, 4, 6, 8, 16];

    public static IngestFrame For(int hostIndex, string hostName, DateTimeOffset ts)
    {
        var random = new Random(hostIndex);
        double Pct() => Math.Round(random.NextDouble() * 100, 2);
        var cores = CoreCounts[random.Next(CoreCounts.Length)];
        return new IngestFrame
        {
            Host = hostName,
            Ts = ts,
            [ScalarMetrics.CpuPct] = Pct(), CpuPerCore = Enumerable.Range(0, cores).Select(_ => Pct()).ToArray(),
            [ScalarMetrics.RamPct] = Pct(), [ScalarMetrics.SwapPct] = Math.Round(random.NextDouble() * 10, 2), [ScalarMetrics.DiskPct] = Pct(),
            [ScalarMetrics.Load1] = Math.Round(random.NextDouble() * cores, 2), [ScalarMetrics.Load5] = Math.Round(random.NextDouble() * cores, 2),
            [ScalarMetrics.Load15] = Math.Round(random.NextDouble() * cores, 2),
            [ScalarMetrics.NetRxBps] = Math.Round(random.NextDouble() * 5e6, 1), [ScalarMetrics.NetTxBps] = Math.Round(random.NextDouble() * 1e6, 1),
            [ScalarMetrics.DiskRBps] = random.Next(0, 2_000_000), [ScalarMetrics.DiskWBps] = random.Next(0, 4_000_000),
            [ScalarMetrics.TempC] = Math.Round(30 + random.NextDouble() * 40, 1),
            Containers = Containers(random),
            System = System(random, hostIndex, hostName, cores),
            Gpus = hostIndex % 5 == 0 ? [Gpu(random)] : null,
        };
    }

    private static ContainerSample[] Containers(Random random)
    {
        var count = random.Next(0, 5);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var (name, image) = Services[random.Next(Services.Length)];
            var limit = 4L << 30;
            var used = (long)(random.NextDouble() * limit);
            return new ContainerSample
            {
                Id = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))[..12],
                Name = name, Image = image, State = "running",
                CpuPct = Math.Round(random.NextDouble() * 150, 2),
                MemUsedBytes = used, MemLimitBytes = limit, MemPct = Math.Round(100.0 * used / limit, 2),
            };
        }).ToArray();
    }

    private static SystemInfo System(Random random, int hostIndex, string hostName, int cores) => new()
    {
        Os = "Debian GNU/Linux 12 (bookworm)",
        Hostname = hostName,
        PrimaryIp = $"192.0.2.{hostIndex % 250 + 1}",
        Kernel = "6.1.0-26-amd64",
        Arch = cores == 4 && random.Next(2) == 0 ? "arm64" : "amd64",
        CpuModel = CpuModels[random.Next(CpuModels.Length)],
        UptimeSeconds = random.Next(3_600, 10_000_000),
        AgentVersion = "0.9.3",
        VirtType = random.Next(3) == 0 ? "lxc" : "",
    };

    private static GpuSample Gpu(Random random) => new()
    {
        Index = 0, Name = "Intel UHD Graphics", UtilPct = Math.Round(random.NextDouble() * 30, 1),
        MemUsedMb = 128, MemTotalMb = 1024, TempC = Math.Round(35 + random.NextDouble() * 20, 1),
    };
}
