using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Lumen.Protocol.Metrics;

/// <summary>
/// The catalogue of scalar metrics: the one place a metric is defined. The frame's JSON
/// fields, the hub's snapshot columns, their SQL, the rollups, the history and live DTOs and
/// their JSON all follow from this list, so a new metric is an entry here, one migration that
/// adds its columns, and the collector that measures it. The order is the order of the
/// values in every array and of the fields in every JSON object; entries are only appended.
/// </summary>
public static class ScalarMetrics
{
    public const double MaxPercent = 100;

    /// <summary>Colder is a broken sensor; hotter than any chip survives.</summary>
    public const double MinTempC = -50;
    public const double MaxTempC = 150;

    private static readonly List<ScalarMetric> Entries = [];

    // The Go Lumen hub's twelve, with its names, units and bounds.
    public static readonly ScalarMetric CpuPct = Percent("cpu_pct", "CPU");
    public static readonly ScalarMetric RamPct = Percent("ram_pct", "Memory");
    public static readonly ScalarMetric SwapPct = Percent("swap_pct", "Swap");
    public static readonly ScalarMetric DiskPct = Percent("disk_pct", "Disk");
    public static readonly ScalarMetric Load1 = NonNegative("load1", "", "Load 1 m");
    public static readonly ScalarMetric Load5 = NonNegative("load5", "", "Load 5 m");
    public static readonly ScalarMetric Load15 = NonNegative("load15", "", "Load 15 m");
    public static readonly ScalarMetric NetRxBps = NonNegative("net_rx_bps", "B/s", "Network in");
    public static readonly ScalarMetric NetTxBps = NonNegative("net_tx_bps", "B/s", "Network out");
    public static readonly ScalarMetric DiskRBps = NonNegative("disk_r_bps", "B/s", "Disk read");
    public static readonly ScalarMetric DiskWBps = NonNegative("disk_w_bps", "B/s", "Disk write");
    public static readonly ScalarMetric TempC = Add("temp_c", "°C", "Temperature", MinTempC, MaxTempC);

    // Beyond the Go hub's set: sent only to a hub whose policy lists them.

    /// <summary>CPU time a virtual machine wanted but its hypervisor gave to another guest.</summary>
    public static readonly ScalarMetric CpuStealPct = Percent("cpu_steal_pct", "CPU steal", extended: true);

    /// <summary>Every scalar metric, in value order (an immutable array: a foreach over it allocates nothing, and the ingest path walks it).</summary>
    public static ImmutableArray<ScalarMetric> All { get; } = [.. Entries];

    public static int Count => All.Length;

    private static readonly FrozenDictionary<string, ScalarMetric> ByName = Entries.ToFrozenDictionary(m => m.Name);

    /// <summary>The metric with this wire name, or null.</summary>
    public static ScalarMetric? Find(string name) => ByName.GetValueOrDefault(name);

    private static ScalarMetric Percent(string name, string label, bool extended = false) => Add(name, "%", label, 0, MaxPercent, extended);

    private static ScalarMetric NonNegative(string name, string unit, string label, bool extended = false) =>
        Add(name, unit, label, 0, double.PositiveInfinity, extended);

    private static ScalarMetric Add(string name, string unit, string label, double min, double max, bool extended = false)
    {
        var metric = new ScalarMetric(Entries.Count, name, unit, label, min, max, extended);
        Entries.Add(metric);
        return metric;
    }
}
