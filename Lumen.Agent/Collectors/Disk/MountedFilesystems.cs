namespace Lumen.Agent.Collectors.Disk;

/// <summary>A filesystem whose use the agent reports: where it is mounted, what is mounted, and its type.</summary>
public sealed record CountedFilesystem(string MountPoint, string Source, string FsType, bool Network);

/// <summary>
/// Decides which mounted filesystems the agent reports: by default each one on a local disk,
/// once, plus the filesystem holding each path of <c>LUMEN_AGENT_EXTRA_FILESYSTEMS</c>.
/// Left out by default: network filesystems (their server reports its own disks, and a dead
/// server would hang the tick), pseudo and memory filesystems (they fill no disk), loop
/// devices (snaps and images: always full, and on a disk already counted), and every repeat of
/// a filesystem already counted (bind mounts, a btrfs filesystem's other subvolumes, the same
/// device mounted twice: one superblock, one set of numbers).
/// </summary>
public static class MountedFilesystems
{
    private static readonly string[] NetworkTypes =
        ["nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "9p", "afs", "davfs", "lustre", "gpfs"];

    /// <summary>Pseudo, memory and read-only media filesystems (a mounted ISO is always 100 % full).</summary>
    private static readonly string[] PseudoTypes =
    [
        "tmpfs", "devtmpfs", "ramfs", "overlay", "aufs", "proc", "sysfs", "cgroup", "cgroup2", "squashfs", "devpts",
        "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs", "hugetlbfs", "configfs", "fusectl",
        "binfmt_misc", "efivarfs", "nsfs", "rpc_pipefs", "selinuxfs", "iso9660", "udf",
    ];

    /// <summary>Block devices that are not disks: files (loop), memory (ram, zram), the network (nbd).</summary>
    private static readonly string[] NotDiskSources = ["/dev/loop", "/dev/ram", "/dev/zram", "/dev/nbd"];

    public static IReadOnlyList<CountedFilesystem> Select(IReadOnlyList<MountEntry> mounts, IReadOnlyList<string> extraPaths)
    {
        var chosen = new List<MountEntry>();
        foreach (var mount in mounts)
            if (IsOnLocalDisk(mount)) Add(chosen, mount);
        foreach (var path in extraPaths)
            if (Containing(mounts, path) is { } mount) Add(chosen, mount);
        var counted = new List<CountedFilesystem>(chosen.Count);
        foreach (var m in chosen) counted.Add(new CountedFilesystem(m.MountPoint, m.Source, m.FsType, IsNetwork(m.FsType)));
        return counted;
    }

    public static bool IsOnLocalDisk(MountEntry mount)
    {
        if (IsNetwork(mount.FsType) || Array.IndexOf(PseudoTypes, mount.FsType) >= 0) return false;
        // A pool's datasets share its space; its root dataset ("tank", no slash) stands for it.
        if (mount.FsType == "zfs") return !mount.Source.Contains('/');
        if (!mount.Source.StartsWith("/dev/", StringComparison.Ordinal)) return false;
        foreach (var prefix in NotDiskSources)
            if (mount.Source.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>sshfs, rclone and other FUSE filesystems are mounted as <c>fuse.NAME</c>; <c>fuseblk</c> (NTFS on a local disk) is not one.</summary>
    public static bool IsNetwork(string fsType) =>
        Array.IndexOf(NetworkTypes, fsType) >= 0 || fsType.StartsWith("fuse.", StringComparison.Ordinal);

    /// <summary>
    /// The mount that holds <paramref name="path"/>: the one with the longest mount point above
    /// it, and of two at the same point the later, which hides the earlier.
    /// </summary>
    public static MountEntry? Containing(IReadOnlyList<MountEntry> mounts, string path)
    {
        var target = path.Length > 1 ? path.TrimEnd('/') : path;
        MountEntry? best = null;
        foreach (var mount in mounts)
        {
            var point = mount.MountPoint;
            var holds = point == "/" || target == point || target.StartsWith(point + "/", StringComparison.Ordinal);
            if (holds && (best is null || point.Length >= best.MountPoint.Length)) best = mount;
        }
        return best;
    }

    /// <summary>
    /// Adds a mount unless its filesystem is counted already. Of two mounts of one filesystem
    /// the one of its whole tree (root "/") is kept, as it is what people know it by; a mount
    /// over the same point hides the one below, so it replaces it.
    /// </summary>
    private static void Add(List<MountEntry> chosen, MountEntry mount)
    {
        for (var i = 0; i < chosen.Count; i++)
        {
            var held = chosen[i];
            if (held.MountPoint == mount.MountPoint)
            {
                chosen[i] = mount;
                return;
            }
            if (!SameFilesystem(held, mount)) continue;
            if (held.Root != "/" && mount.Root == "/") chosen[i] = mount;
            return;
        }
        chosen.Add(mount);
    }

    private static bool SameFilesystem(MountEntry a, MountEntry b) =>
        a.Device == b.Device || (a.Source == b.Source && a.Source.StartsWith("/dev/", StringComparison.Ordinal));
}
