namespace Lumen.Agent.Collectors;

/// <summary>
/// Ceilings above which a per-device rate is a counter glitch, not traffic. Each is a real
/// hardware limit with a margin, so no genuine reading is ever dropped.
/// </summary>
public static class PlausibleRates
{
    /// <summary>100 Gbit/s (12.5 GB/s), the fastest NIC a homelab plausibly has, times two.</summary>
    public const double MaxPlausibleNetworkBps = 100e9 / 8 * 2;

    /// <summary>A PCIe 5.0 x4 NVMe drive tops out near 14 GB/s; 16 GB/s times four.</summary>
    public const double MaxPlausibleDiskBps = 16e9 * 4;
}
