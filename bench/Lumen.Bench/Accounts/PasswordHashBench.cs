using System.Diagnostics;
using Lumen.Hub.Accounts;

namespace Lumen.Bench.Accounts;

/// <summary>
/// <c>Lumen.Bench argon2</c>: time per Argon2id hash with the hub's parameters, alone and with
/// many sign-ins at once, and the process's peak resident memory, to show the concurrency cap
/// holding memory flat however many logins arrive together.
/// </summary>
public static class PasswordHashBench
{
    public static async Task<int> RunAsync()
    {
        var hasher = new PasswordHasher();
        var p = Argon2Parameters.Default;
        Console.WriteLine($"Argon2id m={p.MemoryKib} KiB, t={p.Iterations}, p={p.Parallelism}; at most {PasswordHasher.MaxConcurrentHashes} hashes at once; {Environment.ProcessorCount} cores");
        await hasher.HashAsync("warm up the JIT");

        var single = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await hasher.HashAsync($"password {i}");
            single.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        single.Sort();
        Console.WriteLine($"one at a time: p50 {single[10]:F1} ms, max {single[^1]:F1} ms per hash; peak RSS {PeakRssMib():F0} MiB");

        foreach (var parallel in new[] { 2, 8, 32 })
        {
            var started = Stopwatch.GetTimestamp();
            var latencies = await Task.WhenAll(Enumerable.Range(0, parallel).Select(async i =>
            {
                var begun = Stopwatch.GetTimestamp();
                await hasher.HashAsync($"parallel {i}");
                return Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            }));
            var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Array.Sort(latencies);
            Console.WriteLine($"{parallel,3} at once: all done in {wall:F0} ms ({parallel / (wall / 1000):F1} hashes/s); slowest waited {latencies[^1]:F0} ms; peak RSS {PeakRssMib():F0} MiB");
        }
        return 0;
    }

    private static double PeakRssMib()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }
}
