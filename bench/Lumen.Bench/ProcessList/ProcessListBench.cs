using System.Diagnostics;
using System.Globalization;
using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Processes;
using Lumen.Protocol.Ingest;

namespace Lumen.Bench.ProcessList;

/// <summary>
/// <c>lumen-bench processes [--extra N] [--ticks N]</c>: what one tick of the agent's process
/// list costs on this machine's /proc (top 10 by CPU, the built-in redaction), with
/// <c>--extra</c> idle <c>sleep</c> processes started first so a box with many processes can be
/// measured anywhere. Prints the process count, wall µs per tick (median, p95, max), CPU µs per
/// tick (which a loaded machine inflates less than wall time), bytes allocated
/// per tick and the load average before and after.
/// </summary>
public static class ProcessListBench
{
    public static int Run(string[] args)
    {
        var extra = Option(args, "--extra", 0);
        var ticks = Option(args, "--ticks", 200);
        var sleepers = new List<Process>();
        try
        {
            for (var i = 0; i < extra; i++)
                sleepers.Add(Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!);
            return Measure(ticks);
        }
        finally
        {
            foreach (var sleeper in sleepers)
            {
                sleeper.Kill();
                sleeper.Dispose();
            }
        }
    }

    private static int Measure(int ticks)
    {
        var before = File.ReadAllText("/proc/loadavg").Trim();
        var source = new ProcessSource(new CollectorOptions());
        source.Follow(new ProcessesPolicy(true, 10, ProcessSort.Cpu, null));
        var clock = Stopwatch.StartNew();
        // Warm up: JIT, the pid map, the passwd cache.
        for (var i = 0; i < 5; i++) Tick(source, clock);

        var micros = new double[ticks];
        long allocated = 0;
        var self = Process.GetCurrentProcess();
        var (userBefore, systemBefore) = (self.UserProcessorTime, self.PrivilegedProcessorTime);
        for (var i = 0; i < ticks; i++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            Tick(source, clock);
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
            // Ticks apart in time, as the agent's are (CPU deltas need time to pass), but not 5 s apart.
            Thread.Sleep(20);
        }
        self.Refresh();
        var (user, system) = (self.UserProcessorTime - userBefore, self.PrivilegedProcessorTime - systemBefore);
        Array.Sort(micros);
        var pids = Directory.EnumerateDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _));
        Console.WriteLine($"processes on this machine: {pids}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"µs per tick over {ticks} ticks: median {micros[ticks / 2]:F0}, p95 {micros[(int)(ticks * 0.95)]:F0}, max {micros[^1]:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU µs per tick (the whole bench process): {(user + system).TotalMicroseconds / ticks:F0}, of which in the kernel {system.TotalMicroseconds / ticks:F0}"));
        Console.WriteLine($"bytes allocated per tick: {allocated / ticks}");
        Console.WriteLine($"load average before: {before}; after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static void Tick(ProcessSource source, Stopwatch clock)
    {
        var frame = new IngestFrame();
        source.CollectAsync(frame, new TickContext(DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds), default).AsTask().GetAwaiter().GetResult();
        if (frame.Processes is not { Length: > 0 }) throw new InvalidOperationException("the process source listed nothing");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
