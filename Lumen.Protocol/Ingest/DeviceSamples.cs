using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// One whole disk's throughput over the last tick (<see cref="OptionalFrameFields.Disks"/>):
/// partitions and layered devices (LVM, md) are left out, so every byte is counted once, as in
/// <c>disk_r_bps</c>/<c>disk_w_bps</c>, whose sum this is.
/// </summary>
public sealed record DiskSample
{
    /// <summary>The kernel's name of the disk: <c>sda</c>, <c>nvme0n1</c>.</summary>
    public string Name { get; set; } = "";
    public double ReadBps { get; set; }
    public double WriteBps { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>
/// One physical network interface's traffic over the last tick (<see cref="OptionalFrameFields.Nics"/>):
/// the interfaces summed into <c>net_rx_bps</c>/<c>net_tx_bps</c>.
/// </summary>
public sealed record NicSample
{
    /// <summary>The kernel's name of the interface: <c>eth0</c>, <c>enp3s0</c>.</summary>
    public string Name { get; set; } = "";
    public double RxBps { get; set; }
    public double TxBps { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <summary>
/// How full one mounted filesystem is (<see cref="OptionalFrameFields.Filesystems"/>), as
/// <c>df</c> shows it: <see cref="UsedPct"/> is used / (used + available to unprivileged users),
/// so blocks reserved for root count as neither.
/// </summary>
public sealed record FilesystemSample
{
    /// <summary>Where it is mounted: <c>/</c>, <c>/srv/media</c>.</summary>
    public string Mount { get; set; } = "";

    /// <summary>What is mounted: <c>/dev/sda2</c>, a ZFS pool's name, a share's address.</summary>
    public string Device { get; set; } = "";

    /// <summary><c>ext4</c>, <c>btrfs</c>, <c>xfs</c>, <c>zfs</c>, …</summary>
    public string FsType { get; set; } = "";

    /// <summary>Total minus free.</summary>
    public long UsedBytes { get; set; }

    /// <summary>The filesystem's size, reserved blocks included (df's "Size").</summary>
    public long TotalBytes { get; set; }

    public double UsedPct { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
