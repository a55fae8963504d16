using System.Text.RegularExpressions;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>
/// Decides which block devices count towards the host's disk I/O: whole physical disks only,
/// so every byte is counted once. Partitions repeat their disk's I/O; dm-* (LVM, LUKS),
/// bcache, drbd and ZFS zvols sit on top of disks that are already counted; loop, ram and
/// zram are memory or files. md RAID is left out too and its member disks are counted: that
/// is the real load on the hardware (a RAID 1 write costs two disk writes) and adding the md
/// device would count the same bytes again.
/// </summary>
public static partial class WholeDisks
{
    /// <summary>nbd is a network client: its bytes are network traffic, and the server's disks are elsewhere.</summary>
    private static readonly string[] LayeredOrVirtualPrefixes = ["loop", "ram", "zram", "dm-", "md", "bcache", "drbd", "zd", "nbd"];

    public static IReadOnlySet<string> Select(IEnumerable<string> names, string sysRoot)
    {
        var sysBlock = KernelFile.Under(sysRoot, "block");
        // /sys/block lists whole disks only (partitions live below their disk), so when it is
        // there it decides; the name rules are the fallback for a missing /sys.
        var hasSysBlock = Directory.Exists(sysBlock);
        return names
            .Where(name => !LayeredOrVirtualPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(name => hasSysBlock ? KernelFile.Exists(Path.Combine(sysBlock, name)) : !IsPartitionByName(name))
            .ToHashSet();
    }

    /// <summary>sda1, vdb2, xvda1, hdc3; nvme0n1p1, mmcblk0p2.</summary>
    public static bool IsPartitionByName(string name) => PartitionName().IsMatch(name);

    [GeneratedRegex(@"^((sd|hd|vd|xvd)[a-z]+\d+|(nvme\d+n\d+|mmcblk\d+)p\d+)$")]
    private static partial Regex PartitionName();
}
