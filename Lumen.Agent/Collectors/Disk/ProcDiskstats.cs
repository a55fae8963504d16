using System.Globalization;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>Cumulative sector counters of one block device. Sectors here are always 512 bytes, whatever the device's own sector size.</summary>
public sealed record DiskCounters(string Name, ulong SectorsRead, ulong SectorsWritten)
{
    public const int BytesPerSector = 512;
}

/// <summary>
/// Parser for /proc/diskstats: "major minor name reads merged sectors_read ms writes merged
/// sectors_written …" per device, partitions included.
/// </summary>
public static class ProcDiskstats
{
    private const int NameColumn = 2;
    private const int SectorsReadColumn = 5;
    private const int SectorsWrittenColumn = 9;

    public static IReadOnlyList<DiskCounters>? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "diskstats")) is { } text ? Parse(text) : null;

    public static IReadOnlyList<DiskCounters> Parse(string text)
    {
        var disks = new List<DiskCounters>();
        foreach (var line in text.Split('\n'))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 0) continue;
            if (columns.Length <= SectorsWrittenColumn) throw new FormatException($"/proc/diskstats line has {columns.Length} columns: {line.Trim()}");
            disks.Add(new DiskCounters(
                columns[NameColumn],
                ulong.Parse(columns[SectorsReadColumn], CultureInfo.InvariantCulture),
                ulong.Parse(columns[SectorsWrittenColumn], CultureInfo.InvariantCulture)));
        }
        return disks;
    }
}
