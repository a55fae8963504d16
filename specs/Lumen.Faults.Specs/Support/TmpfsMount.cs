using System.Diagnostics;

namespace Lumen.Faults.Specs.Support;

/// <summary>
/// A small tmpfs mounted on a folder, for a disk that fills up. Needs root (CI and the
/// developers' machines run as root). Disposing unmounts it, lazily if a process still holds
/// a file there, so no mount outlives the spec.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    /// <summary>Every mount not yet disposed, unmounted when the test host exits, should a spec never reach its Dispose.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TmpfsMount, byte> Live = new();

    static TmpfsMount() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var mount in Live.Keys) mount.Dispose();
    };

    private bool _mounted;

    private TmpfsMount(string path, long bytes) => (Path, Bytes) = (path, bytes);

    public string Path { get; }
    public long Bytes { get; }

    public static TmpfsMount Create(string path, long bytes)
    {
        Directory.CreateDirectory(path);
        var mount = new TmpfsMount(path, bytes);
        Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0755", "lumen-faults", path);
        mount._mounted = true;
        Live[mount] = 0;
        return mount;
    }

    /// <summary>Fills the rest of the mount with a ballast file, so the next write finds no space.</summary>
    public long Fill(string ballast)
    {
        var chunk = new byte[64 * 1024];
        Random.Shared.NextBytes(chunk);
        long written = 0;
        using var file = new FileStream(ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush();
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: full, as intended. Top up with smaller pieces so not even a page is left.
            for (var size = chunk.Length / 2; size >= 512; size /= 2)
            {
                try { file.Write(chunk, 0, size); file.Flush(); written += size; }
                catch (IOException) { }
            }
        }
        return written;
    }

    public void Dispose()
    {
        if (!_mounted) return;
        _mounted = false;
        Live.TryRemove(this, out _);
        if (!TryRun("umount", Path)) TryRun("umount", "-l", Path);
    }

    private static void Run(string command, params string[] args)
    {
        if (!TryRun(command, args, out var output))
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed (this scenario needs root): {output}");
    }

    private static bool TryRun(string command, params string[] args) => TryRun(command, args, out _);

    private static bool TryRun(string command, string[] args, out string output)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
