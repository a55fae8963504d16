using Microsoft.Win32.SafeHandles;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// Reads one small /proc/[pid] file into a buffer the caller keeps. The process source reads
/// hundreds of these a tick; <see cref="KernelFile.ReadOrNull"/> would allocate a reader and a
/// string for each. A process that exits between the listing and the read is "no data" (−1):
/// its files are gone, or the kernel answers ESRCH, or (hidepid) they are not ours to read.
/// </summary>
public static class PidFile
{
    /// <returns>the number of bytes read (at most the buffer's length), or −1 when the process is gone or hidden.</returns>
    public static int Read(string path, byte[] buffer)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // /proc serves a whole small file on one read; a second picks up what a long cmdline has left.
            var read = RandomAccess.Read(handle, buffer, 0);
            while (read > 0 && read < buffer.Length)
            {
                var more = RandomAccess.Read(handle, buffer.AsSpan(read), read);
                if (more <= 0) break;
                read += more;
            }
            return read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // FileNotFound and DirectoryNotFound are IOExceptions too.
            return -1;
        }
    }

    /// <summary>The folders of /proc named by a number: one per process (threads are not listed there).</summary>
    public static IEnumerable<int> Pids(string procRoot)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        try
        {
            return new System.IO.Enumeration.FileSystemEnumerable<int>(procRoot, (ref entry) => ParsePid(entry.FileName), options)
            {
                ShouldIncludePredicate = (ref entry) => entry.IsDirectory && ParsePid(entry.FileName) > 0,
            };
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static int ParsePid(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 9) return 0;
        var pid = 0;
        foreach (var c in name)
        {
            if (c is < '0' or > '9') return 0;
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }
}
