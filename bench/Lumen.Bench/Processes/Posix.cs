using System.Runtime.InteropServices;

namespace Lumen.Bench.Processes;

/// <summary>
/// The libc calls .NET has no API for: sending SIGTERM (the hub's "flush and stop"; Process.Kill
/// only sends SIGKILL), the kernel's clock tick (the unit of CPU time in /proc/PID/stat) and a
/// thread's own CPU time.
/// </summary>
internal static class Posix
{
    // SIGTERM rather than SIGINT, though the hub treats both alike: a bench started in the
    // background of a non-interactive shell inherits SIGINT ignored, and so would the hub.
    private const int SigTerm = 15;
    private const int ScClkTck = 2;

    // DllImport rather than LibraryImport: with only ints to pass there is nothing to
    // marshal, and LibraryImport would need unsafe code switched on for the project.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc")]
    private static extern long sysconf(int name);

    public static void Terminate(int pid)
    {
        if (kill(pid, SigTerm) != 0)
            throw new InvalidOperationException($"could not send SIGTERM to {pid}: errno {Marshal.GetLastPInvokeError()}");
    }

    public static long ClockTicksPerSecond { get; } = sysconf(ScClkTck);

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out Timespec time);

    /// <summary>CPU time the calling thread has used, to the nanosecond: what a piece of work costs whatever else runs on the cores.</summary>
    public static TimeSpan ThreadCpuTime()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }
}
