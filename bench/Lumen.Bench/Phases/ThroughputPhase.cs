using Lumen.Bench.Load;
using Lumen.Bench.Processes;

namespace Lumen.Bench.Phases;

/// <summary>One server under sustained load: wrk's figures and the server's own CPU and memory.</summary>
public sealed record ThroughputResult(WrkResult Load, TimeSpan CpuPerRequest, long RssKiB, DateTimeOffset MeasuredFrom);

/// <summary>
/// Warms a server up (JIT, tiered compilation, pools) with unmeasured load, then measures:
/// the server's CPU time is read from /proc just before and after the measured wrk run and
/// divided by the requests wrk completed, so it includes everything the server did meanwhile
/// (batch flushes, GC), as an operator's bill would.
/// </summary>
public static class ThroughputPhase
{
    public static async Task<ThroughputResult> RunAsync(
        ServerProcess server, string path, LoadShape shape, TimeSpan warmup, string framesFile, int hostCount, TsPlan ts)
    {
        var target = new Uri(server.BaseUri, path);
        await Wrk.RunAsync(target, shape with { Duration = warmup }, framesFile, hostCount, ts.Next());

        var measuredFrom = ts.Next();
        var before = server.Sample();
        var load = await Wrk.RunAsync(target, shape, framesFile, hostCount, measuredFrom);
        var after = server.Sample();

        var cpuPerRequest = load.Requests == 0 ? TimeSpan.Zero : (after.CpuTime - before.CpuTime) / load.Requests;
        return new ThroughputResult(load, cpuPerRequest, after.RssKiB, measuredFrom);
    }
}
