using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>statvfs's answer: the filesystem's size, what is free, and what unprivileged users may still use.</summary>
public readonly record struct FilesystemSpace(long TotalBytes, long FreeBytes, long AvailableBytes);

/// <summary>
/// Fills <c>filesystems</c> (sent only to a hub that lists it): the use of each filesystem
/// <see cref="MountedFilesystems"/> picks from <c>/proc/self/mountinfo</c>, as <c>df</c> shows
/// it. The mount table is parsed again only when it changed. A network filesystem (only ever
/// here because a path of <c>LUMEN_AGENT_EXTRA_FILESYSTEMS</c> is on it) is asked on the
/// thread pool and waited for briefly: statvfs on a share whose server is gone blocks until it
/// returns, and that must not stall the tick; such a share is left out until it answers.
/// </summary>
public sealed class FilesystemsSource(string procRoot, IReadOnlyList<string> extraPaths, Func<string, FilesystemSpace>? stat = null) : IFrameSource
{
    public static readonly TimeSpan NetworkStatTimeout = TimeSpan.FromSeconds(1);

    private readonly Func<string, FilesystemSpace> _stat = stat ?? StatVfs;
    private readonly Dictionary<string, Task<FilesystemSpace>> _networkStats = [];
    private string? _mountinfo;
    private IReadOnlyList<CountedFilesystem> _counted = [];

    public string Name => "filesystems";

    public async ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct)
    {
        if (KernelFile.ReadOrNull(KernelFile.Under(procRoot, "self/mountinfo")) is not { } mountinfo) return null;
        if (mountinfo != _mountinfo)
        {
            _counted = MountedFilesystems.Select(ProcMountinfo.Parse(mountinfo), extraPaths);
            _mountinfo = mountinfo;
        }

        var samples = new List<FilesystemSample>(_counted.Count);
        foreach (var fs in _counted)
        {
            if (samples.Count == IngestLimits.MaxFilesystems) break;
            var space = fs.Network ? await NetworkStatAsync(fs.MountPoint) : LocalStat(fs.MountPoint);
            if (space is { } s) samples.Add(Sample(fs, s));
        }
        frame.Filesystems = [.. samples];
        return null;
    }

    public static FilesystemSample Sample(CountedFilesystem fs, FilesystemSpace space)
    {
        var used = Math.Max(space.TotalBytes - space.FreeBytes, 0);
        return new FilesystemSample
        {
            Mount = TextCap.Cap(fs.MountPoint, IngestLimits.MaxMountLength),
            Device = TextCap.Cap(fs.Source, IngestLimits.MaxFilesystemDeviceLength),
            FsType = TextCap.Cap(fs.FsType, IngestLimits.MaxFsTypeLength),
            UsedBytes = used,
            TotalBytes = Math.Max(space.TotalBytes, 0),
            UsedPct = FilesystemUsage.UsedPercent(space.TotalBytes, space.FreeBytes, space.AvailableBytes),
        };
    }

    /// <summary>Null for a mount gone since the table was read, or one this agent may not look into.</summary>
    private FilesystemSpace? LocalStat(string mountPoint)
    {
        try
        {
            return _stat(mountPoint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async ValueTask<FilesystemSpace?> NetworkStatAsync(string mountPoint)
    {
        if (!_networkStats.TryGetValue(mountPoint, out var pending))
            _networkStats[mountPoint] = pending = Task.Run(() => _stat(mountPoint));
        try
        {
            await pending.WaitAsync(NetworkStatTimeout);
        }
        catch (TimeoutException)
        {
            return null; // still asking: the same call is awaited again next tick, never a second one
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        _networkStats.Remove(mountPoint);
        return pending.IsCompletedSuccessfully ? pending.Result : null;
    }

    private static FilesystemSpace StatVfs(string path)
    {
        var drive = new DriveInfo(path);
        return new FilesystemSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }
}
