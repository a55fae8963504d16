using System.Globalization;
using System.Text;

namespace Lumen.Bench.Alerts;

/// <summary>The alert benchmark's tables as Markdown: ingest with and without rules, memory, and the in-process judgement.</summary>
public sealed class AlertsReport(
    IReadOnlyList<string> context, IReadOnlyList<IngestSide> ingest, IReadOnlyList<MemoryCase> memory,
    IReadOnlyList<AlertEvalResult> eval, IReadOnlyList<HostPathResult> path, int rules)
{
    private IngestSide Without => ingest.First(side => side.Rules == 0);
    private IngestSide With => ingest.First(side => side.Rules > 0);

    /// <summary>Every hub listed exactly the rules it was given and fired exactly the canary's alerts.</summary>
    public bool EveryCaseConfirmed =>
        ingest.All(c => c.Probe.Confirmed(c.Rules)) && memory.All(c => c.Probe.Confirmed(c.Rules)) &&
        eval.All(r => r.Transitions == 0) && path.All(r => r.Recorded == 0);

    /// <summary>Requests of every slice together over their time together, with rules against without.</summary>
    public double Share => With.RequestsPerSecond / Without.RequestsPerSecond;

    public bool GoalMet => Share >= AlertsBenchOptions.MinShareWithRules;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var line in context) text.Append("- ").AppendLine(line);
        text.AppendLine();
        IngestTable(text);
        text.AppendLine();
        ShareTable(text);
        if (memory.Count > 0)
        {
            text.AppendLine();
            MemoryTable(text);
        }
        if (eval.Count > 0)
        {
            text.AppendLine();
            text.Append(EvalTable(eval));
        }
        if (path.Count > 0)
        {
            text.AppendLine();
            text.Append(PathTable(path));
        }
        return text.ToString();
    }

    private void IngestTable(StringBuilder text)
    {
        text.AppendLine("| Rules | Ingests/s (all slices) | Latency p50 / p99 (median slice) | Hub CPU per ingest | Failed | Rows stored / 204 answers | Hub lists / canary fired |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var side in ingest)
            text.AppendLine($"| {side.Rules} | {N(side.RequestsPerSecond)} | {Ms(side.MedianP50)} / {Ms(side.MedianP99)} ms | {side.CpuPerRequest.TotalMicroseconds:F1} µs | " +
                            $"{N(side.Failed)} | {N(side.RowsStored)} / {N(side.Succeeded)} | {Probe(side.Probe)} |");
    }

    private void ShareTable(StringBuilder text)
    {
        var pairs = With.Slices.Zip(Without.Slices, (w, o) => w.Load.RequestsPerSecond / o.Load.RequestsPerSecond).Order().ToList();
        var loads = ingest.SelectMany(side => side.Slices).Select(s => s.LoadAverage).ToList();
        var cpu = With.CpuPerRequest - Without.CpuPerRequest;
        text.AppendLine("| Figure | Measured | Goal | Verdict |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine($"| Ingests/s with {rules} rules ÷ without (all slices) | {Share:P1} | ≥ {AlertsBenchOptions.MinShareWithRules:P0} | {(GoalMet ? "PASS" : "MISS")} |");
        text.AppendLine($"| The same per pair of slices: median (lowest – highest of {pairs.Count}) | {pairs[pairs.Count / 2]:P1} ({pairs[0]:P0} – {pairs[^1]:P0}) | | |");
        text.AppendLine($"| Hub CPU per ingest, with − without | {cpu.TotalMicroseconds:+0.0;-0.0} µs ({With.CpuPerRequest.TotalMicroseconds:F1} / {Without.CpuPerRequest.TotalMicroseconds:F1} µs) | | |");
        text.AppendLine($"| Load average before the slices: lowest – highest | {loads.Min():F2} – {loads.Max():F2} | | |");
    }

    private void MemoryTable(StringBuilder text)
    {
        text.AppendLine("| Rules | Hub RSS, 100 hosts reporting | Hub RSS, all hosts reporting | RSS growth per reporting host | Hosts that stored rows | Hub lists / canary fired |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in memory)
        {
            var m = c.Result;
            text.AppendLine($"| {c.Rules} | {m.BaselineRssKiB / 1024.0:F1} MiB | {m.AllHostsRssKiB / 1024.0:F1} MiB ({N(m.AllHosts)} hosts) | {m.KiBPerHost:F2} KiB | {N(m.HostsSeen)} | {Probe(c.Probe)} |");
        }
        var none = memory.FirstOrDefault(c => c.Rules == 0);
        var some = memory.FirstOrDefault(c => c.Rules > 0);
        if (none is null || some is null) return;
        var hosts = some.Result.AllHosts;
        var perHost = (double)(some.Result.AllHostsRssKiB - none.Result.AllHostsRssKiB) / hosts;
        text.AppendLine();
        text.AppendLine($"With {some.Rules} rules − without, all {N(hosts)} hosts reporting: {perHost:F2} KiB of RSS per host " +
                        $"({(some.Result.AllHostsRssKiB - none.Result.AllHostsRssKiB) / 1024.0:+0.0;-0.0} MiB ÷ {N(hosts)}).");
    }

    public static string EvalTable(IReadOnlyList<AlertEvalResult> eval)
    {
        var text = new StringBuilder();
        text.AppendLine($"HostAlerts.Observe in process, {N(AlertEvalBench.Hosts)} hosts in turn (median of 7 repetitions after a warm-up):");
        text.AppendLine();
        text.AppendLine("| Rules | Observe: thread CPU per frame | wall per frame | allocated per frame | NextDeadline read after it | Held per host (managed) | Frames timed | Alerts fired |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in eval)
            text.AppendLine($"| {r.Name} | {Us(r.CpuNsPerFrame)} | {Us(r.WallNsPerFrame)} | {r.BytesPerFrame:F0} B | {Us(r.DeadlineNs)} | {r.HeldBytesPerHost:N0} B | {N(r.Frames)} | {N(r.Transitions)} |");
        return text.ToString();
    }

    public static string PathTable(IReadOnlyList<HostPathResult> path)
    {
        var text = new StringBuilder();
        text.AppendLine($"Host actors in process (HostsActor → HostActor with the alert watch, {N(HostPathBench.Hosts)} hosts in turn; process CPU, median of 5 repetitions):");
        text.AppendLine();
        text.AppendLine("| Rules | Process CPU per frame | Allocated per frame (all threads) | Frames timed | Alerts recorded |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var r in path)
            text.AppendLine($"| {r.Name} | {Us(r.CpuNsPerFrame)} | {r.BytesPerFrame:F0} B | {N(r.Frames)} | {N(r.Recorded)} |");
        return text.ToString();
    }

    private static string Probe(AlertProbeResult p) => $"{p.EnabledRules} / {p.CanaryFired} of {p.CanaryExpected}";

    private static string Us(double ns) => ns < 1000 ? $"{ns:F0} ns" : $"{ns / 1000:F2} µs";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
