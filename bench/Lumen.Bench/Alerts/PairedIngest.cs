using Lumen.Bench.Load;
using Lumen.Bench.Processes;
using Lumen.Bench.Report;

namespace Lumen.Bench.Alerts;

/// <summary>One slice of measured load on one hub: wrk's figures, the hub's CPU time meanwhile and the machine's load average before.</summary>
public sealed record IngestSlice(int Pair, WrkResult Load, TimeSpan Cpu, double LoadAverage);

/// <summary>One hub's side of the paired run: its slices, then what it stored and showed.</summary>
public sealed record IngestSide(int Rules, IReadOnlyList<IngestSlice> Slices, long RowsStored, AlertProbeResult Probe)
{
    public long Requests => Slices.Sum(s => s.Load.Requests);
    public long Succeeded => Slices.Sum(s => s.Load.Succeeded);
    public long Failed => Slices.Sum(s => s.Load.StatusErrors + s.Load.SocketErrors + s.Load.Timeouts);
    public double RequestsPerSecond => Requests / Slices.Sum(s => s.Load.Duration.TotalSeconds);
    public TimeSpan CpuPerRequest => Requests == 0 ? TimeSpan.Zero : Slices.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu) / Requests;
    public TimeSpan MedianP50 => Median(Slices.Select(s => s.Load.P50));
    public TimeSpan MedianP99 => Median(Slices.Select(s => s.Load.P99));

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>
/// Two hubs at once, one without rules and one with them, each on its own copy of the
/// database, loaded in turn in short slices (A B, B A, A B, …) after a warm-up each, so a
/// machine whose other load comes and goes by the minute weighs on both alike. The idle hub
/// waits: between slices neither has anything queued for long. Its CPU is read from /proc
/// just before and after each of its slices.
/// </summary>
public static class PairedIngest
{
    /// <returns>each hub's slices, and the ts from which every frame sent was a measured one.</returns>
    public static async Task<(IReadOnlyList<List<IngestSlice>> Slices, DateTimeOffset MeasuredFrom)> RunAsync(
        IReadOnlyList<ServerProcess> hubs, LoadShape slice, TimeSpan warmup, int pairs, string framesFile, int hostCount, TsPlan ts,
        Action<string> progress)
    {
        var targets = hubs.Select(hub => new Uri(hub.BaseUri, "/api/ingest")).ToList();
        foreach (var target in targets) await Wrk.RunAsync(target, slice with { Duration = warmup }, framesFile, hostCount, ts.Next());

        // Every later range lies after this one: rows from here on are the measured slices'.
        var measuredFrom = ts.Next();
        var slices = hubs.Select(_ => new List<IngestSlice>()).ToList();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var order = Enumerable.Range(0, hubs.Count);
            foreach (var i in pair % 2 == 1 ? order : order.Reverse())
            {
                var loadAverage = double.Parse(MachineFacts.LoadAverage(), System.Globalization.CultureInfo.InvariantCulture);
                var before = hubs[i].Sample();
                var load = await Wrk.RunAsync(targets[i], slice, framesFile, hostCount, ts.Next());
                slices[i].Add(new IngestSlice(pair, load, hubs[i].Sample().CpuTime - before.CpuTime, loadAverage));
            }
            var rates = slices.Select(s => s[^1].Load.RequestsPerSecond).ToList();
            progress($"  pair {pair}: {string.Join(" / ", rates.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} ingests/s ({rates[^1] / rates[0]:P0})");
        }
        return (slices, measuredFrom);
    }
}
