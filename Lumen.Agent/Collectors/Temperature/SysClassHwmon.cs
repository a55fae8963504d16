using System.Globalization;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Temperature;

/// <summary>
/// Parser for /sys/class/hwmon/hwmon*/temp*_input (millidegrees Celsius): the hottest
/// plausible reading of every sensor chip (CPU package, NVMe, chipset, ACPI zones).
/// </summary>
public static class SysClassHwmon
{
    /// <summary>The hottest reading in °C, or null when the machine has no usable sensor.</summary>
    public static double? ReadHottestC(string sysRoot)
    {
        double? hottest = null;
        var hwmonDir = KernelFile.Under(sysRoot, "class/hwmon");
        foreach (var chip in KernelFile.EntriesOrEmpty(hwmonDir))
            foreach (var file in SensorFiles(Path.Combine(hwmonDir, chip)))
                if (ReadSensor(file) is { } text && ParseMillidegrees(text) is { } celsius && (hottest is null || celsius > hottest))
                    hottest = celsius;
        return hottest;
    }

    /// <summary>
    /// °C from one sensor file, or null for values outside what the hub accepts: disconnected
    /// inputs report −128 °C or 255 °C and would drown the real reading.
    /// </summary>
    public static double? ParseMillidegrees(string text)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli)) return null;
        var celsius = milli / 1000.0;
        return celsius is >= IngestLimits.MinTempC and <= IngestLimits.MaxTempC ? celsius : null;
    }

    /// <summary>Old drivers (before Linux 3.x) keep their inputs under device/, so both are read.</summary>
    private static IEnumerable<string> SensorFiles(string chipDir) =>
        new[] { chipDir, Path.Combine(chipDir, "device") }
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "temp*_input"));

    /// <summary>A sleeping or failing sensor answers EIO/ENODATA on read; that is "no reading", not an error.</summary>
    private static string? ReadSensor(string path)
    {
        try
        {
            return KernelFile.ReadOrNull(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
