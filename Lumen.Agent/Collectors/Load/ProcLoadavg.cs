using System.Globalization;

namespace Lumen.Agent.Collectors.Load;

/// <summary>The 1, 5 and 15 minute load averages.</summary>
public sealed record LoadAverage(double Load1, double Load5, double Load15);

/// <summary>Parser for /proc/loadavg ("0.72 2.25 3.11 1/83 31432").</summary>
public static class ProcLoadavg
{
    public static LoadAverage? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "loadavg")) is { } text ? Parse(text) : null;

    public static LoadAverage Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3) throw new FormatException($"/proc/loadavg has {fields.Length} fields, expected at least 3");
        double At(int i) => double.Parse(fields[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new LoadAverage(At(0), At(1), At(2));
    }
}
