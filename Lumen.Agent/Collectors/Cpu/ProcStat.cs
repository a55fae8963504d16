using System.Globalization;

namespace Lumen.Agent.Collectors.Cpu;

/// <summary>The CPU lines of /proc/stat: the aggregate "cpu" line and one "cpuN" per online core.</summary>
public sealed record ProcStatReading(CpuTimes Total, IReadOnlyDictionary<int, CpuTimes> Cores);

/// <summary>Parser for /proc/stat. Offline cores have no line, so cores are keyed by number.</summary>
public static class ProcStat
{
    public static ProcStatReading? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "stat")) is { } text ? Parse(text) : null;

    public static ProcStatReading Parse(string text)
    {
        CpuTimes? total = null;
        var cores = new SortedDictionary<int, CpuTimes>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var times = ParseTimes(fields);
            if (fields[0] == "cpu") total = times;
            else if (int.TryParse(fields[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var core)) cores[core] = times;
        }
        return new ProcStatReading(total ?? throw new FormatException("/proc/stat has no aggregate cpu line"), cores);
    }

    /// <summary>Kernels before 2.6.11 have no steal column; a missing column is 0.</summary>
    private static CpuTimes ParseTimes(string[] fields)
    {
        ulong At(int i) => i < fields.Length ? ulong.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        return new CpuTimes(At(1), At(2), At(3), At(4), At(5), At(6), At(7), At(8));
    }
}
