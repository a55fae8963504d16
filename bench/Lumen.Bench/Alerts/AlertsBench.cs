using Lumen.Bench.Fixtures;
using Lumen.Bench.Load;
using Lumen.Bench.Phases;
using Lumen.Bench.Processes;
using Lumen.Bench.Report;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.Alerts;

/// <summary>One memory measurement: how many rules, the RSS readings and what the hub showed afterwards.</summary>
public sealed record MemoryCase(int Rules, HostMemoryResult Result, AlertProbeResult Probe);

/// <summary>
/// The alert engine's cost: two Release hubs, one with the bench's never-firing rules and one
/// with no rule at all, each on a fresh copy of the same database, under the ingest benchmark's
/// wrk load in turn (<see cref="PairedIngest"/>); then their memory with 1,000 reporting hosts
/// either way; then <see cref="AlertEvalBench"/> and <see cref="HostPathBench"/> in process.
/// </summary>
public static class AlertsBench
{
    private const string AdminUsername = "bench";
    private const string AdminPassword = "bench-password-not-secret";
    private static readonly TimeSpan HubStopTimeout = TimeSpan.FromSeconds(75);

    /// <summary>What every case works with: the options, the hub, the folder, the pristine database and its agents.</summary>
    private sealed record Fixture(
        AlertsBenchOptions Options, string HubDll, string Folder, BenchDatabase Pristine, IReadOnlyList<SimulatedAgent> Agents,
        string FramesFile, BenchRules Rules, TsPlan Ts)
    {
        public LoadShape Shape => new(Options.Slice, Options.Connections, Options.Threads);

        /// <summary>One host beyond the load's: the canary frame goes to it, so no load frame competes with it.</summary>
        public SimulatedAgent CanaryHost => Agents[Options.Hosts];
    }

    public static async Task<int> RunAsync(AlertsBenchOptions options)
    {
        var hubDll = options.HubDll ?? BenchRun.DefaultHubDll();
        if (!File.Exists(hubDll)) return Fail($"no hub at {hubDll}: build it with 'dotnet build -c Release' first");
        if (!Wrk.IsInstalled()) return Fail("wrk is not on PATH: bench/run.sh installs it (apt-get install -y wrk)");

        var folder = Directory.CreateTempSubdirectory("lumen-alerts-bench-").FullName;
        var keep = options.KeepFiles;
        try
        {
            var report = await MeasureAsync(CreateFixture(options, hubDll, folder));
            var markdown = report.ToMarkdown();
            Console.Out.Write(markdown);
            if (options.ReportPath is { } path) await File.WriteAllTextAsync(path, markdown);
            if (!report.EveryCaseConfirmed) return Fail("a hub did not show the rules it was given (see the table): the figures may measure a no-op");
            return report.GoalMet ? 0 : 1;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
        {
            keep = true;
            return Fail($"{e.Message} (logs in {folder})");
        }
        finally
        {
            if (keep) Progress($"files kept in {folder}");
            else Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AlertsReport> MeasureAsync(Fixture f)
    {
        var o = f.Options;
        var started = $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {MachineFacts.Cpu()}, {MachineFacts.Memory()}; load average at start {MachineFacts.LoadAverage()}";
        var ingest = await MeasureIngestAsync(f);
        var memory = new List<MemoryCase>();
        if (!o.SkipMemory)
            foreach (var rules in (int[])[0, o.Rules]) memory.Add(await MeasureMemoryAsync(f, rules));
        var (eval, hostPath) = o.SkipEval ? ([], []) : await RunInProcessAsync(f.Rules);

        var context = new List<string>
        {
            $"{started}, at the end {MachineFacts.LoadAverage()}",
            $"wrk: {o.Threads} threads, {o.Connections} keep-alive connections; {o.Warmup.TotalSeconds:F0} s warm-up per hub, then {o.Pairs} slices of {o.Slice.TotalSeconds:F0} s on each, the hubs in turn; " +
            $"{o.Hosts:N0} hosts rotating ({o.Hosts + 1:N0} registered: one more takes the canary frame)",
            $"rules: {Describe(f.Rules, o.Rules)}; the \"none\" case has no rule at all (the seeded \"Host offline\" deleted)",
        };
        return new AlertsReport(context, ingest, memory, eval, hostPath, o.Rules);
    }

    /// <summary>Only the in-process measurements, with the same rules the full run derives from the same frames.</summary>
    public static async Task<int> RunInProcessOnlyAsync()
    {
        var (eval, path) = await RunInProcessAsync(BenchRules.For(AlertEvalBench.Frames()));
        Console.Out.Write(AlertsReport.EvalTable(eval));
        Console.Out.WriteLine();
        Console.Out.Write(AlertsReport.PathTable(path));
        return eval.Any(r => r.Transitions > 0) || path.Any(r => r.Recorded > 0) ? 1 : 0;
    }

    private static Fixture CreateFixture(AlertsBenchOptions options, string hubDll, string folder)
    {
        Progress($"registering {options.Hosts + 1:N0} hosts");
        var pristine = new BenchDatabase(Path.Combine(folder, "pristine", "hub.db"));
        var agents = pristine.CreateWithHosts(options.Hosts + 1);
        var framesFile = Path.Combine(folder, "frames.tsv");
        FramesFile.Write(framesFile, agents);
        var frames = agents.Take(options.Hosts).Select(a => AgentFrames.For(a.Index, a.HostName, DateTimeOffset.UtcNow)).ToList();
        BenchDatabase.ReleaseConnections();
        return new Fixture(options, hubDll, folder, pristine, agents, framesFile, BenchRules.For(frames), new TsPlan());
    }

    private static async Task<IReadOnlyList<IngestSide>> MeasureIngestAsync(Fixture f)
    {
        int[] cases = [0, f.Options.Rules];
        Progress($"ingest: a hub with {Rules(cases[0])} and a hub with {Rules(cases[1])}, in turn");
        var databases = cases.Select(rules => PrepareDatabase(f, $"ingest-{rules}-rules", rules)).ToList();
        var hubs = new List<ServerProcess>();
        try
        {
            foreach (var database in databases) hubs.Add(await StartHubAsync(f, database));
            var (slices, measuredFrom) = await PairedIngest.RunAsync(hubs, f.Shape, f.Options.Warmup, f.Options.Pairs, f.FramesFile, f.Options.Hosts, f.Ts, Progress);
            var sides = new List<IngestSide>();
            for (var i = 0; i < hubs.Count; i++)
            {
                var probe = await ProbeAsync(f, hubs[i], cases[i]);
                await hubs[i].StopAsync(HubStopTimeout);
                sides.Add(new IngestSide(cases[i], slices[i], new BenchDatabase(databases[i]).RowsSince(measuredFrom), probe));
                Progress($"  {Rules(cases[i])}: hub lists {probe.EnabledRules} rules, canary fired {probe.CanaryFired} of {probe.CanaryExpected}");
            }
            BenchDatabase.ReleaseConnections();
            return sides;
        }
        finally
        {
            foreach (var hub in hubs) hub.Dispose();
        }
    }

    private static async Task<MemoryCase> MeasureMemoryAsync(Fixture f, int rules)
    {
        Progress($"memory with {Rules(rules)}: {f.Options.MemoryBaselineHosts:N0} hosts reporting, then {f.Options.Hosts:N0}");
        var database = PrepareDatabase(f, $"memory-{rules}-rules", rules);
        using var hub = await StartHubAsync(f, database);
        var result = await HostMemoryPhase.RunAsync(hub, f.Shape with { Duration = f.Options.MemoryPhase }, f.Options.Warmup,
            f.FramesFile, f.Options.MemoryBaselineHosts, f.Options.Hosts, f.Ts);
        var probe = await ProbeAsync(f, hub, rules);
        await hub.StopAsync(HubStopTimeout);
        result = result with { HostsSeen = new BenchDatabase(database).HostsWithRowsSince(result.AllHostsFrom) };
        BenchDatabase.ReleaseConnections();
        Progress($"  RSS {result.BaselineRssKiB / 1024.0:F0} → {result.AllHostsRssKiB / 1024.0:F0} MiB");
        return new MemoryCase(rules, result, probe);
    }

    private static async Task<(IReadOnlyList<AlertEvalResult>, IReadOnlyList<HostPathResult>)> RunInProcessAsync(BenchRules rules)
    {
        var frames = AlertEvalBench.Frames();
        var eval = new List<AlertEvalResult>();
        foreach (var (name, set, diskHistory) in AlertEvalBench.Cases(rules))
        {
            Progress($"HostAlerts.Observe in process: {name}");
            eval.Add(AlertEvalBench.Run(name, set, frames, diskHistory));
        }
        var path = new List<HostPathResult>();
        foreach (var (name, set) in HostPathBench.Cases(rules))
        {
            Progress($"host actors in process: {name}");
            path.Add(await HostPathBench.RunAsync(name, set, frames));
        }
        return (eval, path);
    }

    /// <summary>A fresh copy of the pristine database in a folder of its own (the hub keeps its alert journal beside it), with the first <paramref name="rules"/> bench rules and no other.</summary>
    private static string PrepareDatabase(Fixture f, string name, int rules)
    {
        var path = Path.Combine(f.Folder, name, "hub.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var source = f.Pristine.Database.Open())
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString()))
        {
            copy.Open();
            source.BackupDatabase(copy);
        }
        f.Rules.WriteTo(new LumenDatabase(path), rules);
        BenchDatabase.ReleaseConnections();
        return path;
    }

    private static Task<ServerProcess> StartHubAsync(Fixture f, string database) =>
        Servers.StartHubAsync(f.HubDll, database, Path.Combine(Path.GetDirectoryName(database)!, "hub.log"), new Dictionary<string, string>
        {
            ["LUMEN_HUB_ADMIN_USERNAME"] = AdminUsername,
            ["LUMEN_HUB_ADMIN_PASSWORD"] = AdminPassword,
        });

    private static Task<AlertProbeResult> ProbeAsync(Fixture f, ServerProcess hub, int rules)
    {
        var canaryHost = f.CanaryHost;
        var like = AgentFrames.For(canaryHost.Index, canaryHost.HostName, DateTimeOffset.UtcNow);
        return new AlertProbe(hub.BaseUri, AdminUsername, AdminPassword)
            .RunAsync(canaryHost, f.Rules.Canary(like, DateTimeOffset.UtcNow), f.Rules.CanaryBreaches(rules));
    }

    private static string Describe(BenchRules rules, int count)
    {
        var kinds = rules.Bodies.Take(count).GroupBy(b => b.Metric is "offline" or "container_down" or "disk_full_hours" ? b.Metric! : "scalar")
            .Select(g => $"{g.Count()} {g.Key}");
        return $"{count} enabled, every one watching every host, none firing under the bench's frames ({string.Join(", ", kinds)})";
    }

    private static string Rules(int count) => count == 0 ? "no rules" : $"{count} rules";

    private static void Progress(string message) => Console.Error.WriteLine($"[alerts-bench {DateTime.Now:HH:mm:ss}] {message}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"lumen-bench alerts: {message}");
        return 2;
    }
}
