using System.Globalization;
using System.Text;

namespace Lumen.Bench.Alerts;

/// <summary>The alert benchmark's tables as Markdown: ingest with and without rules, memory, and the in-process judgement.</summary>
public sealed class AlertsReport(
    IReadOnlyList<string> context, IReadOnlyList<IngestCase> ingest, IReadOnlyList<MemoryCase> memory,
    IReadOnlyList<AlertEvalResult> eval, IReadOnlyList<HostPathResult> path, int rules)
{
    /// <summary>Every hub listed exactly the rules it was given and fired exactly the canary's alerts.</summary>
    public bool EveryCaseConfirmed =>
        ingest.All(c => c.Probe.Confirmed(c.Rules)) && memory.All(c => c.Probe.Confirmed(c.Rules)) &&
        eval.All(r => r.Transitions == 0) && path.All(r => r.Recorded == 0);

    /// <summary>Requests of every round together over their time together, with rules against without.</summary>
    public double Share => Rate(ingest.Where(c => c.Rules > 0)) / Rate(ingest.Where(c => c.Rules == 0));

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
        text.AppendLine("| Round | Rules | Load average before | Ingests/s | Latency p50 / p99 | Hub CPU per ingest | Failed | Rows stored / 204 answers | Hub lists / canary fired |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in ingest)
        {
            var load = c.Result.Load;
            var failed = load.StatusErrors + load.SocketErrors + load.Timeouts;
            text.AppendLine($"| {c.Round} | {c.Rules} | {c.LoadAverage} | {N(load.RequestsPerSecond)} | {Ms(load.P50)} / {Ms(load.P99)} ms | " +
                            $"{c.Result.CpuPerRequest.TotalMicroseconds:F1} µs | {N(failed)} | {N(c.RowsStored)} / {N(load.Succeeded)} | {Probe(c.Probe)} |");
        }
    }

    private void ShareTable(StringBuilder text)
    {
        text.AppendLine($"| Figure | Measured | Goal | Verdict |");
        text.AppendLine("|---|---|---|---|");
        foreach (var round in ingest.GroupBy(c => c.Round))
        {
            var with = round.Where(c => c.Rules > 0).ToList();
            var without = round.Where(c => c.Rules == 0).ToList();
            if (with.Count == 0 || without.Count == 0) continue;
            var cpu = Cpu(with) - Cpu(without);
            text.AppendLine($"| Round {round.Key}: ingests/s with {rules} rules ÷ without; CPU per ingest with − without | {Rate(with) / Rate(without):P1}; {cpu:+0.0;-0.0} µs | | |");
        }
        var verdict = GoalMet ? "PASS" : "MISS";
        var all = $"{Share:P1} ({N(Rate(ingest.Where(c => c.Rules > 0)))} / {N(Rate(ingest.Where(c => c.Rules == 0)))} ingests/s); CPU per ingest {Cpu(ingest.Where(c => c.Rules > 0)):F1} / {Cpu(ingest.Where(c => c.Rules == 0)):F1} µs";
        text.AppendLine($"| Every round: with {rules} rules ÷ without (requests ÷ time, summed) | {all} | ≥ {AlertsBenchOptions.MinShareWithRules:P0} | {verdict} |");
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

    private static double Rate(IEnumerable<IngestCase> cases)
    {
        var list = cases.ToList();
        return list.Sum(c => c.Result.Load.Requests) / list.Sum(c => c.Result.Load.Duration.TotalSeconds);
    }

    private static double Cpu(IEnumerable<IngestCase> cases)
    {
        var list = cases.ToList();
        return list.Sum(c => c.Result.CpuPerRequest.TotalMicroseconds * c.Result.Load.Requests) / list.Sum(c => c.Result.Load.Requests);
    }

    private static string Probe(AlertProbeResult p) => $"{p.EnabledRules} / {p.CanaryFired} of {p.CanaryExpected}";

    private static string Us(double ns) => ns < 1000 ? $"{ns:F0} ns" : $"{ns / 1000:F2} µs";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
