using System.Globalization;

namespace Lumen.Agent.Collectors.Network;

/// <summary>Cumulative byte counters of one interface.</summary>
public sealed record InterfaceCounters(string Name, ulong RxBytes, ulong TxBytes);

/// <summary>
/// Parser for /proc/net/dev: two header lines, then "name: 8 receive columns, 8 transmit
/// columns" per interface. Old kernels print no space after the colon, so split on it.
/// </summary>
public static class ProcNetDev
{
    private const int TxBytesColumn = 8;

    public static IReadOnlyList<InterfaceCounters>? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "net/dev")) is { } text ? Parse(text) : null;

    public static IReadOnlyList<InterfaceCounters> Parse(string text)
    {
        var interfaces = new List<InterfaceCounters>();
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line.Contains('|')) continue;
            var columns = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length <= TxBytesColumn) throw new FormatException($"/proc/net/dev line has {columns.Length} columns: {line.Trim()}");
            interfaces.Add(new InterfaceCounters(
                line[..colon].Trim(),
                ulong.Parse(columns[0], CultureInfo.InvariantCulture),
                ulong.Parse(columns[TxBytesColumn], CultureInfo.InvariantCulture)));
        }
        return interfaces;
    }
}
