using System.Globalization;

namespace Lumen.Agent.Collectors.Memory;

/// <summary>The lines of /proc/meminfo the agent reports, in bytes.</summary>
public sealed record MemInfo(long MemTotalBytes, long MemAvailableBytes, long SwapTotalBytes, long SwapFreeBytes)
{
    /// <summary>Memory that cannot be had back without swapping: total minus available (what <c>free</c> calls used).</summary>
    public double RamPct => Percent.Of(MemTotalBytes - MemAvailableBytes, MemTotalBytes);

    /// <summary>0 when there is no swap at all.</summary>
    public double SwapPct => Percent.Of(SwapTotalBytes - SwapFreeBytes, SwapTotalBytes);
}

/// <summary>Parser for /proc/meminfo ("Key:   123 kB" lines).</summary>
public static class ProcMeminfo
{
    public static MemInfo? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "meminfo")) is { } text ? Parse(text) : null;

    public static MemInfo Parse(string text)
    {
        var kb = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var value = line[(colon + 1)..].Trim().Split(' ')[0];
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) kb[line[..colon]] = parsed;
        }

        long Bytes(string key) => kb.TryGetValue(key, out var v) ? v * 1024 : 0;
        var total = kb.ContainsKey("MemTotal") ? Bytes("MemTotal") : throw new FormatException("/proc/meminfo has no MemTotal");
        // MemAvailable exists since Linux 3.14; before it, free + buffers + page cache is the usual estimate.
        var available = kb.ContainsKey("MemAvailable")
            ? Bytes("MemAvailable")
            : Bytes("MemFree") + Bytes("Buffers") + Bytes("Cached");
        return new MemInfo(total, Math.Min(available, total), Bytes("SwapTotal"), Bytes("SwapFree"));
    }
}
