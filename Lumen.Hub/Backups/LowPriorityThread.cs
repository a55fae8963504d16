using System.Runtime.InteropServices;

namespace Lumen.Hub.Backups;

/// <summary>
/// Runs blocking work on a thread of its own at the lowest CPU priority (nice 19), so that a
/// backup's page copy, compression and encryption take what ingest leaves and never the other
/// way round: on a busy hub the backup takes longer, and ingest keeps its rate.
/// </summary>
public static class LowPriorityThread
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Lower();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "lumen-backup" };
        thread.Start();
        return done.Task;
    }

    /// <summary>On Linux a thread's nice value is its own; elsewhere (or without glibc's gettid) it runs at normal priority.</summary>
    private static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            SetPriority(PrioProcess, GetThreadId(), Lowest);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
        }
    }
}
