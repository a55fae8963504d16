namespace Lumen.Protocol.Ingest;

// The checks of the lists beyond the Go frame: disks, NICs and filesystems.
public static partial class IngestValidator
{
    private static string? ValidateDisks(DiskSample[]? disks)
    {
        if (disks is null) return null;
        if (disks.Length > IngestLimits.MaxDisks) return $"disks has {disks.Length} entries; at most {IngestLimits.MaxDisks} are accepted";
        for (var i = 0; i < disks.Length; i++)
        {
            var d = disks[i];
            if (d is null) return $"disks[{i}] must be an object";
            var at = new FieldPath("disks", i);
            var error = Unknown(d.UnknownFields, at)
                ?? Text(at, "name", d.Name, IngestLimits.MaxDeviceNameLength)
                ?? NonNegative(at, "read_bps", d.ReadBps)
                ?? NonNegative(at, "write_bps", d.WriteBps);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ValidateNics(NicSample[]? nics)
    {
        if (nics is null) return null;
        if (nics.Length > IngestLimits.MaxNics) return $"nics has {nics.Length} entries; at most {IngestLimits.MaxNics} are accepted";
        for (var i = 0; i < nics.Length; i++)
        {
            var n = nics[i];
            if (n is null) return $"nics[{i}] must be an object";
            var at = new FieldPath("nics", i);
            var error = Unknown(n.UnknownFields, at)
                ?? Text(at, "name", n.Name, IngestLimits.MaxDeviceNameLength)
                ?? NonNegative(at, "rx_bps", n.RxBps)
                ?? NonNegative(at, "tx_bps", n.TxBps);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ValidateFilesystems(FilesystemSample[]? filesystems)
    {
        if (filesystems is null) return null;
        if (filesystems.Length > IngestLimits.MaxFilesystems) return $"filesystems has {filesystems.Length} entries; at most {IngestLimits.MaxFilesystems} are accepted";
        for (var i = 0; i < filesystems.Length; i++)
        {
            var f = filesystems[i];
            if (f is null) return $"filesystems[{i}] must be an object";
            var at = new FieldPath("filesystems", i);
            var error = Unknown(f.UnknownFields, at)
                ?? Text(at, "mount", f.Mount, IngestLimits.MaxMountLength)
                ?? Text(at, "device", f.Device, IngestLimits.MaxFilesystemDeviceLength)
                ?? Text(at, "fs_type", f.FsType, IngestLimits.MaxFsTypeLength)
                ?? NonNegative(at, "used_bytes", f.UsedBytes)
                ?? NonNegative(at, "total_bytes", f.TotalBytes)
                ?? Percent(at, "used_pct", f.UsedPct);
            if (error is not null) return error;
        }
        return null;
    }
}
