namespace Lumen.Agent.Collectors.Disk;

/// <summary>How full a filesystem is, from statvfs (through <see cref="DriveInfo"/>).</summary>
public static class FilesystemUsage
{
    /// <summary>
    /// Used as <c>df</c> shows it: used / (used + available to unprivileged users), with
    /// used = total − free. Blocks reserved for root count as neither, so the disk reads 100 %
    /// exactly when ordinary programs can no longer write, which is what the alert is for.
    /// </summary>
    public static double UsedPercent(long totalBytes, long freeBytes, long availableBytes)
    {
        var used = Math.Max(totalBytes - freeBytes, 0);
        return Percent.Of(used, used + Math.Max(availableBytes, 0));
    }

    /// <summary>Throws when the path does not exist: a mistyped LUMEN_AGENT_DISK_PATH should be reported, not read as 0 %.</summary>
    public static double ReadUsedPercent(string path)
    {
        var drive = new DriveInfo(path);
        return UsedPercent(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }
}
