using System.Globalization;
using Lumen.Bench.Phases;

namespace Lumen.Bench.Report;

/// <summary>All the run's figures, once every phase has finished.</summary>
public sealed record BenchResults(
    ThroughputResult Hub, long RowsStored, ThroughputResult Bare, HostMemoryResult Memory, FlushResult Flush);

/// <summary>
/// The goals of the benchmark issue, for this 2-core machine with the load generator on it.
/// For scale: VictoriaMetrics took ~33,000 requests/s of 20-series snapshots at ~37 µs CPU
/// each here, and a bare Kestrel 204 endpoint ~72,000.
/// </summary>
public static class Goals
{
    public const double MinIngestsPerSecond = 33_000;
    public const double MinShareOfBare = 0.50;
    public const double MaxCpuMicrosPerIngest = 30;
    public const double MaxRssKiBPerHost = 2;
    public const double MaxFlushMillis = 50;

    public static IReadOnlyList<ResultRow> Rows(BenchResults r)
    {
        var hub = r.Hub.Load;
        var bare = r.Bare.Load;
        var share = hub.RequestsPerSecond / bare.RequestsPerSecond;
        var cpu = r.Hub.CpuPerRequest.TotalMicroseconds;
        var failures = hub.StatusErrors + hub.SocketErrors + hub.Timeouts;
        var m = r.Memory;
        return
        [
            new("Hub ingests/s", N(hub.RequestsPerSecond), $"≥ {N(MinIngestsPerSecond)}", hub.RequestsPerSecond >= MinIngestsPerSecond),
            new("Bare Kestrel 204 requests/s", N(bare.RequestsPerSecond)),
            new("Hub ÷ bare", $"{share:P0}", $"≥ {MinShareOfBare:P0}", share >= MinShareOfBare),
            new("Hub latency p50 / p99", $"{Ms(hub.P50)} / {Ms(hub.P99)} ms"),
            new("Bare latency p50 / p99", $"{Ms(bare.P50)} / {Ms(bare.P99)} ms"),
            new("Hub CPU per ingest", $"{cpu:F1} µs", $"≤ {MaxCpuMicrosPerIngest} µs", cpu <= MaxCpuMicrosPerIngest),
            new("Bare CPU per request", $"{r.Bare.CpuPerRequest.TotalMicroseconds:F1} µs"),
            new("Hub RSS after the run", $"{r.Hub.RssKiB / 1024.0:F0} MiB (bare: {r.Bare.RssKiB / 1024.0:F0} MiB)"),
            new("Failed ingests (non-2xx, socket errors, timeouts)", N(failures), "0", failures == 0),
            new("Rows stored / 204 answers", $"{N(r.RowsStored)} / {N(hub.Succeeded)}", "every 204 stored", r.RowsStored >= hub.Succeeded),
            new($"Hub RSS growth per host ({N(m.BaselineHosts)} → {N(m.AllHosts)} hosts)",
                $"{m.KiBPerHost:F2} KiB ({m.BaselineRssKiB / 1024.0:F0} → {m.AllHostsRssKiB / 1024.0:F0} MiB; {N(m.HostsSeen)} hosts stored rows)",
                $"≤ {MaxRssKiBPerHost} KiB", m.KiBPerHost <= MaxRssKiBPerHost && m.HostsSeen == m.AllHosts),
            new($"{N(r.Flush.RowsPerFlush)}-row flush p50 / max ({N(r.Flush.Hosts)} hosts, {r.Flush.Times.Count} runs)",
                $"{Ms(r.Flush.P50)} / {Ms(r.Flush.Max)} ms", $"p50 ≤ {MaxFlushMillis} ms", r.Flush.P50.TotalMilliseconds <= MaxFlushMillis),
        ];
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
