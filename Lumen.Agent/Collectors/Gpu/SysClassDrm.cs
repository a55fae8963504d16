using System.Globalization;
using Lumen.Agent.Collectors.Temperature;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// AMD GPUs from /sys/class/drm/card*/device (the amdgpu driver): <c>gpu_busy_percent</c>,
/// <c>mem_info_vram_used</c> and <c>mem_info_vram_total</c> (bytes), the card's own hwmon
/// <c>temp1_input</c> (millidegrees) and <c>product_name</c>. Other vendors' cards, connectors
/// (card0-DP-1) and render nodes are skipped; a missing file is 0 for its field.
/// </summary>
public static class SysClassDrm
{
    private const string AmdVendorId = "0x1002";
    private const double BytesPerMiB = 1024 * 1024;

    /// <summary>The AMD cards, ordered by card number, which is their index.</summary>
    public static IReadOnlyList<GpuSample> ReadAmd(string sysRoot)
    {
        var drm = KernelFile.Under(sysRoot, "class/drm");
        // Headless machines, VMs and containers have none: no exception every tick for that.
        if (!Directory.Exists(drm)) return [];
        var gpus = new List<GpuSample>();
        foreach (var entry in KernelFile.EntriesOrEmpty(drm))
        {
            if (CardNumber(entry) is not { } number) continue;
            var device = Path.Combine(drm, entry, "device");
            if (Read(device, "vendor") != AmdVendorId) continue;
            gpus.Add(ReadCard(number, device));
        }
        gpus.Sort((a, b) => a.Index.CompareTo(b.Index));
        return gpus;
    }

    /// <summary>The N of "cardN"; null for connectors ("card0-DP-1"), render nodes and the rest.</summary>
    public static int? CardNumber(string entry) =>
        entry.StartsWith("card", StringComparison.Ordinal)
        && int.TryParse(entry.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static GpuSample ReadCard(int number, string device)
    {
        // Reading the busy counter or the hwmon sensor of a runtime-suspended card wakes it up
        // (a laptop's or a spare dGPU would then never sleep); runtime_status itself does not.
        var asleep = Read(device, "power/runtime_status") == "suspended";
        return new GpuSample
        {
            Index = number,
            Name = TextCap.Cap(Read(device, "product_name") is { Length: > 0 } product ? product : $"AMD GPU {Read(device, "device")}", IngestLimits.MaxGpuNameLength),
            UtilPct = asleep ? 0 : Percent.Clamp(Number(Read(device, "gpu_busy_percent"))),
            MemUsedMb = Math.Round(Number(Read(device, "mem_info_vram_used")) / BytesPerMiB),
            MemTotalMb = Math.Round(Number(Read(device, "mem_info_vram_total")) / BytesPerMiB),
            TempC = asleep ? 0 : Temperature(device),
        };
    }

    private static double Temperature(string device)
    {
        var hwmonDir = Path.Combine(device, "hwmon");
        foreach (var hwmon in KernelFile.EntriesOrEmpty(hwmonDir))
            if (Read(Path.Combine(hwmonDir, hwmon), "temp1_input") is { } text && SysClassHwmon.ParseMillidegrees(text) is { } celsius)
                return celsius;
        return 0;
    }

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : 0;

    /// <summary>
    /// A file's trimmed text, or null. A card busy resetting answers EBUSY/EIO on read; that is
    /// "no reading" for that field, not a failure of every GPU.
    /// </summary>
    private static string? Read(string device, string file)
    {
        try
        {
            return KernelFile.ReadOrNull(Path.Combine(device, file))?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
