using System.Diagnostics;
using Lumen.Bench.Load;
using Lumen.Bench.Processes;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Rules;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Bench.Alerts;

/// <summary>One set of rules judged in process: CPU and wall time, bytes allocated and held, per frame and per host.</summary>
/// <param name="DeadlineNs">CPU time of <see cref="HostAlerts.NextDeadline"/>, which the host actor reads after every frame to keep its timer.</param>
public sealed record AlertEvalResult(
    string Name, int Rules, long Frames, double CpuNsPerFrame, double WallNsPerFrame, double BytesPerFrame, double HeldBytesPerHost, long Transitions,
    double DeadlineNs);

/// <summary>
/// <see cref="HostAlerts.Observe"/> alone, as the host actors call it: one engine per host for
/// 1,000 hosts, each given the bench's realistic frame in turn, the hub's clock moving 5 ms a
/// frame (every host every 5 s). Unless a case says otherwise, hosts carry a full 6 h of disk
/// history, as the policy hands a hub that has run that long, so a forecast rule does its whole
/// regression. Timed by the thread's own CPU time, which other work on the cores inflates less
/// than wall time (shown beside it), after a warm-up that lets tiered compilation finish.
/// </summary>
public static class AlertEvalBench
{
    public const int Hosts = 1000;
    private static readonly TimeSpan FrameSpacing = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RepetitionTime = TimeSpan.FromMilliseconds(400);
    private const int Repetitions = 7;

    /// <summary>The cases of the report: 0, 10 and 100 of the bench's rules, then what each kind of rule costs on its own.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<AlertRule> Rules, bool DiskHistory)> Cases(BenchRules rules)
    {
        var all = rules.Checked(BenchRules.Count);
        AlertRule[] Only(AlertKind kind) => [.. all.Where(rule => rule.Metric.Kind == kind)];
        var scalars = Only(AlertKind.Scalar);
        return
        [
            ("no rules", [], true),
            ("10 rules (the bench's first ten: 7 scalar, offline, container_down, disk_full_hours)", [.. all.Take(10)], true),
            ("100 rules (the ingest benchmark's set)", all, true),
            ("100 rules, no disk history yet (as on the ingest benchmark's fresh hub)", all, false),
            ($"{scalars.Length} scalar rules only", scalars, true),
            ("1 scalar rule", [scalars[0]], true),
            ("1 offline rule", [Only(AlertKind.Offline)[0]], true),
            ("1 container_down rule (every container)", [Only(AlertKind.ContainerDown)[0]], true),
            ("1 disk_full_hours rule (6 h of history)", [Only(AlertKind.DiskFullHours)[0]], true),
        ];
    }

    /// <param name="diskHistory">whether hosts start with 6 h of disk history (a hub that has run that long) or none (a hub just started on an empty database).</param>
    public static AlertEvalResult Run(string name, IReadOnlyList<AlertRule> rules, IReadOnlyList<IngestFrame> frames, bool diskHistory)
    {
        var start = DateTimeOffset.UtcNow;
        var policy = Policy(rules, frames, start, diskHistory);
        var clock = start;

        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        var hosts = new HostAlerts[Hosts];
        for (var i = 0; i < Hosts; i++)
        {
            hosts[i] = new HostAlerts(i + 1, Name(i), start);
            hosts[i].Apply(policy, start);
        }
        var transitions = Round(hosts, frames, ref clock);
        var held = (GC.GetTotalMemory(forceFullCollection: true) - heldBefore) / (double)Hosts;

        var warmup = Stopwatch.StartNew();
        var rounds = 0;
        while (warmup.Elapsed < WarmupTime)
        {
            transitions += Round(hosts, frames, ref clock);
            rounds++;
        }
        // Repetitions of the same length, each about RepetitionTime on a free core.
        var roundsPerRepetition = Math.Max(1, (int)(rounds * RepetitionTime / WarmupTime));

        var cpu = new List<double>();
        var wall = new List<double>();
        long bytes = 0, frameCount = 0;
        for (var r = 0; r < Repetitions; r++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Posix.ThreadCpuTime();
            var timer = Stopwatch.StartNew();
            for (var n = 0; n < roundsPerRepetition; n++) transitions += Round(hosts, frames, ref clock);
            timer.Stop();
            var framesNow = (long)roundsPerRepetition * Hosts;
            cpu.Add((Posix.ThreadCpuTime() - cpuBefore).TotalNanoseconds / framesNow);
            wall.Add(timer.Elapsed.TotalNanoseconds / framesNow);
            bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            frameCount += framesNow;
        }
        return new AlertEvalResult(name, rules.Count, frameCount, Median(cpu), Median(wall), (double)bytes / frameCount, held, transitions,
            DeadlineCost(hosts, roundsPerRepetition));
    }

    /// <summary>CPU time of one <see cref="HostAlerts.NextDeadline"/> read, the same number of times as frames were timed in one repetition.</summary>
    private static double DeadlineCost(HostAlerts[] hosts, int rounds)
    {
        var cpuBefore = Posix.ThreadCpuTime();
        var due = 0;
        for (var n = 0; n < rounds; n++)
            foreach (var host in hosts)
                if (host.NextDeadline is not null) due++;
        var elapsed = Posix.ThreadCpuTime() - cpuBefore;
        GC.KeepAlive(due);
        return elapsed.TotalNanoseconds / ((long)rounds * hosts.Length);
    }

    /// <summary>The bench's frames for <see cref="Hosts"/> hosts, with their system block (the reboot baseline) as agents send it.</summary>
    public static IReadOnlyList<IngestFrame> Frames() =>
        [.. Enumerable.Range(0, Hosts).Select(i => AgentFrames.For(i, Name(i), DateTimeOffset.UtcNow))];

    /// <summary>Every host a frame; returns the transitions, which the bench's rules never make.</summary>
    private static long Round(HostAlerts[] hosts, IReadOnlyList<IngestFrame> frames, ref DateTimeOffset clock)
    {
        long transitions = 0;
        for (var i = 0; i < hosts.Length; i++)
        {
            clock += FrameSpacing;
            transitions += hosts[i].Observe(frames[i], clock).Count;
        }
        return transitions;
    }

    private static AlertPolicy Policy(IReadOnlyList<AlertRule> rules, IReadOnlyList<IngestFrame> frames, DateTimeOffset now, bool diskHistory)
    {
        var noTags = new Dictionary<string, string>();
        // As AlertPolicySource: disk history only for hosts a forecast rule watches.
        var forecasts = diskHistory && rules.Any(rule => rule.Metric.Kind == AlertKind.DiskFullHours);
        var facts = new Dictionary<long, AlertHostFacts>();
        for (var i = 0; i < Hosts; i++)
            facts[i + 1] = new AlertHostFacts(Name(i), noTags, null, now, null,
                forecasts ? DiskHistory(frames[i][ScalarMetrics.DiskPct], now) : []);
        return new AlertPolicy(1, rules, AlertPolicy.NoMaintenance, facts, null);
    }

    /// <summary>A steady disk over the last 6 hours at the forecast's sample spacing: the whole window, never filling.</summary>
    private static IReadOnlyList<(DateTimeOffset, double)> DiskHistory(double pct, DateTimeOffset now)
    {
        var samples = (int)(DiskTrend.Window / DiskTrend.SampleEvery);
        return [.. Enumerable.Range(0, samples).Select(i => (now - DiskTrend.SampleEvery * (samples - i), pct))];
    }

    private static string Name(int index) => $"bench-{index:D5}";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
