namespace Lumen.Bench.Report;

/// <summary>What the machine was and how busy it was when the run started, for the report's header.</summary>
public static class MachineFacts
{
    public static string Cpu()
    {
        var model = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        return $"{Environment.ProcessorCount} cores ({model ?? "unknown CPU"})";
    }

    public static string Memory()
    {
        var kib = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) / (1024.0 * 1024):F0} GiB";
    }

    /// <summary>1-minute load average: well above 0 before the run means something else was using the cores.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
