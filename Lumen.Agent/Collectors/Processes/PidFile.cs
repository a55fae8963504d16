using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// Reads one small /proc/[pid] file into a buffer the caller keeps. The process source reads
/// hundreds of these a tick, so it goes to the C library: open, one read, close. .NET's own
/// open adds an fstat and a shared flock (taken and released) to every file, which doubled the
/// system calls of a tick; and <see cref="KernelFile.ReadOrNull"/> would allocate a reader and a
/// string for each. A process that exits between the listing and the read is "no data" (−1):
/// its files are gone, or the kernel answers ESRCH, or (hidepid) they are not ours to read.
/// </summary>
public static class PidFile
{
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC, the same on every Linux the agent ships for

    // DllImport rather than LibraryImport: that one needs unsafe code allowed for the whole agent.
    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read")]
    private static extern nint ReadNative(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    private static bool _noLibc;

    /// <returns>the number of bytes read (at most the buffer's length), or −1 when the process is gone or hidden.</returns>
    /// <remarks>
    /// One read: /proc's stat and status come whole from a buffer this large, and a cmdline
    /// longer than it is cut, which the frame's cap on commands would do anyway.
    /// </remarks>
    public static int Read(string path, byte[] buffer)
    {
        if (_noLibc) return ReadManaged(path, buffer);
        try
        {
            var fd = Open(path, ReadOnlyCloseOnExec);
            if (fd < 0) return -1;
            var read = ReadNative(fd, buffer, buffer.Length);
            Close(fd);
            return read < 0 ? -1 : (int)read;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _noLibc = true;
            return ReadManaged(path, buffer);
        }
    }

    private static int ReadManaged(string path, byte[] buffer)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return RandomAccess.Read(handle, buffer, 0);
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
