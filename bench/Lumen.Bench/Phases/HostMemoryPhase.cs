using Lumen.Bench.Load;
using Lumen.Bench.Processes;

namespace Lumen.Bench.Phases;

/// <summary>Hub memory with a few reporting hosts and with all of them.</summary>
public sealed record HostMemoryResult(
    int BaselineHosts, long BaselineRssKiB, int AllHosts, long AllHostsRssKiB, DateTimeOffset AllHostsFrom)
{
    /// <summary>Hosts with a stored row from the all-hosts run, counted once the hub has stopped.</summary>
    public long HostsSeen { get; init; }

    public double KiBPerHost => (double)(AllHostsRssKiB - BaselineRssKiB) / (AllHosts - BaselineHosts);
}

/// <summary>
/// What each reporting host costs the hub in resident memory (its actor, live snapshot, CPU
/// ring, watermark). The same load runs twice for the same time, first from a few hosts, then
/// rotating over all of them; the GC heap has warmed to that load rate both times, so the
/// difference is what the additional hosts hold.
/// </summary>
public static class HostMemoryPhase
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private const int RssSamples = 5;

    public static async Task<HostMemoryResult> RunAsync(
        ServerProcess hub, LoadShape shape, TimeSpan warmup, string framesFile, int baselineHosts, int allHosts, TsPlan ts)
    {
        var target = new Uri(hub.BaseUri, "/api/ingest");
        // A fresh hub still compiles hot paths and sizes its heap; neither may count as hosts.
        await Wrk.RunAsync(target, shape with { Duration = warmup }, framesFile, baselineHosts, ts.Next());
        await Wrk.RunAsync(target, shape, framesFile, baselineHosts, ts.Next());
        var baseline = await SettledRssKiBAsync(hub);

        var allHostsFrom = ts.Next();
        await Wrk.RunAsync(target, shape, framesFile, allHosts, allHostsFrom);
        var loaded = await SettledRssKiBAsync(hub);
        return new HostMemoryResult(baselineHosts, baseline, allHosts, loaded, allHostsFrom);
    }

    /// <summary>The median of a few readings once the load has stopped, so one GC mid-reading does not decide it.</summary>
    private static async Task<long> SettledRssKiBAsync(ServerProcess hub)
    {
        await Task.Delay(Settle);
        var readings = new List<long>();
        for (var i = 0; i < RssSamples; i++)
        {
            readings.Add(hub.Sample().RssKiB);
            await Task.Delay(200);
        }
        readings.Sort();
        return readings[readings.Count / 2];
    }
}
