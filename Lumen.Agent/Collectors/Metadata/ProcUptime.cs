using System.Globalization;

namespace Lumen.Agent.Collectors.Metadata;

/// <summary>Parser for /proc/uptime ("3878.36 3222.29": seconds up, seconds idle summed over cores).</summary>
public static class ProcUptime
{
    public static long? ReadSeconds(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "uptime")) is { } text ? ParseSeconds(text) : null;

    public static long ParseSeconds(string text)
    {
        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new FormatException("/proc/uptime is empty");
        return (long)double.Parse(first, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
