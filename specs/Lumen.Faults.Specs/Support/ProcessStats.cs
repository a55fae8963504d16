using System.Globalization;

namespace Lumen.Faults.Specs.Support;

/// <summary>
/// One reading of a process's resident memory and open file descriptors, from /proc, the
/// sockets among them counted apart: how many connections a server holds is up to its clients,
/// a file it forgets to close is its own.
/// </summary>
public sealed record ProcessSample(TimeSpan At, long RssKib, int OpenFds, int Sockets)
{
    public double RssMib => RssKib / 1024.0;

    public int OtherFds => OpenFds - Sockets;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{At.TotalSeconds:F0}s {RssMib:F0} MiB {OpenFds} fds ({Sockets} sockets)");
}

/// <summary>Reads /proc/PID/status and /proc/PID/fd; null once the process is gone.</summary>
public static class ProcessStats
{
    public static ProcessSample? Read(int pid, TimeSpan at)
    {
        try
        {
            var rss = File.ReadLines($"/proc/{pid}/status")
                .Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
                .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
            var sockets = fds.Count(fd => IsSocket(fd));
            return new ProcessSample(at, rss, fds.Length, sockets);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsSocket(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // closed meanwhile
        }
    }
}

/// <summary>Samples a process every <c>every</c> on a background task until disposed.</summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<ProcessSample> _samples = [];

    public ProcessSampler(Func<int?> pid, TimeSpan every)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (pid() is { } id && ProcessStats.Read(id, clock.Elapsed) is { } sample)
                    lock (_samples) _samples.Add(sample);
                try { await Task.Delay(every, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public IReadOnlyList<ProcessSample> Samples
    {
        get { lock (_samples) return _samples.ToList(); }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
