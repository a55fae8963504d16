using System.Globalization;

namespace Lumen.Bench.Processes;

/// <summary>
/// A process's CPU time so far (user + system) and resident memory, read from /proc the way
/// top does, so the hub and the bare endpoint are measured from outside alike.
/// </summary>
public readonly record struct ProcessSample(TimeSpan CpuTime, long RssKiB)
{
    public static ProcessSample Read(int pid) => new(CpuTimeOf(pid), RssKiBOf(pid));

    private static TimeSpan CpuTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces, so count fields from the ')' that ends it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / Posix.ClockTicksPerSecond);
    }

    private static long RssKiBOf(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line");
    }
}
