using Lumen.Bench.Fixtures;
using Lumen.Bench.Load;
using Lumen.Bench.Phases;
using Lumen.Bench.Processes;
using Lumen.Bench.Report;

namespace Lumen.Bench;

/// <summary>
/// One benchmark run, phase after phase so they never compete for the two cores: the hub
/// under load, the bare endpoint under the same load, the hub's memory per host, the flush
/// timing; then the table.
/// </summary>
public static class BenchRun
{
    /// <summary>The hub's drain budget (60 s) plus its shutdown slack.</summary>
    private static readonly TimeSpan HubStopTimeout = TimeSpan.FromSeconds(75);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var hubDll = options.HubDll ?? DefaultHubDll();
        if (!File.Exists(hubDll)) return Fail($"no hub at {hubDll}: build it with 'dotnet build -c Release' first");
        if (!Wrk.IsInstalled()) return Fail("wrk is not on PATH: bench/run.sh installs it (apt-get install -y wrk)");

        var folder = Directory.CreateTempSubdirectory("lumen-bench-").FullName;
        var context = new List<string>
        {
            $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {MachineFacts.Cpu()}, {MachineFacts.Memory()}; load average at start {MachineFacts.LoadAverage()}",
        };
        try
        {
            BenchResults results;
            try
            {
                results = await RunPhasesAsync(options, hubDll, folder, context);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                options = options with { KeepFiles = true };
                return Fail($"{e.Message} (logs in {folder})");
            }
            var table = new ResultTable(context, Goals.Rows(results));
            var markdown = table.ToMarkdown();
            Console.Out.Write(markdown);
            if (options.ReportPath is { } report) await File.WriteAllTextAsync(report, markdown);
            return table.Rows.All(row => row.Met != false) ? 0 : 1;
        }
        finally
        {
            if (options.KeepFiles) Progress($"files kept in {folder}");
            else Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What every phase works with: the options, the hub, the temp folder and the shared fixture.</summary>
    private sealed record Fixture(BenchOptions Options, string HubDll, string Folder, BenchDatabase Database, string FramesFile, TsPlan Ts)
    {
        public LoadShape Shape => new(Options.Duration, Options.Connections, Options.Threads);
        public string Log(string name) => Path.Combine(Folder, name + ".log");
    }

    private static async Task<BenchResults> RunPhasesAsync(BenchOptions options, string hubDll, string folder, List<string> context)
    {
        Progress($"registering {Math.Max(options.Hosts, options.MemoryHosts):N0} hosts");
        var database = new BenchDatabase(Path.Combine(folder, "hub.db"));
        var agents = database.CreateWithHosts(Math.Max(options.Hosts, options.MemoryHosts));
        var framesFile = Path.Combine(folder, "frames.tsv");
        FramesFile.Write(framesFile, agents);
        BenchDatabase.ReleaseConnections();
        context.Add($"wrk: {options.Threads} threads, {options.Connections} keep-alive connections, {options.Duration.TotalSeconds:F0} s measured after {options.Warmup.TotalSeconds:F0} s warm-up; " +
                    $"{options.Hosts:N0} hosts rotating, frames of {FramesFile.AverageBodyBytes(agents):N0} bytes on average");

        var fixture = new Fixture(options, hubDll, folder, database, framesFile, new TsPlan());
        var (hub, rowsStored) = await MeasureHubAsync(fixture);
        var bare = await MeasureBareAsync(fixture);
        var memory = await MeasureMemoryAsync(fixture);
        var flush = MeasureFlush(fixture);
        return new BenchResults(hub, rowsStored, bare, memory, flush);
    }

    private static async Task<(ThroughputResult Hub, long RowsStored)> MeasureHubAsync(Fixture f)
    {
        Progress("hub under load");
        using var server = await Servers.StartHubAsync(f.HubDll, f.Database.Path, f.Log("hub"));
        var hub = await ThroughputPhase.RunAsync(server, "/api/ingest", f.Shape, f.Options.Warmup, f.FramesFile, f.Options.Hosts, f.Ts);
        await server.StopAsync(HubStopTimeout);
        return (hub, f.Database.RowsSince(hub.MeasuredFrom));
    }

    private static async Task<ThroughputResult> MeasureBareAsync(Fixture f)
    {
        Progress("bare Kestrel under the same load");
        using var server = await Servers.StartBareAsync(f.Log("bare"));
        return await ThroughputPhase.RunAsync(server, "/api/ingest", f.Shape, f.Options.Warmup, f.FramesFile, f.Options.Hosts, f.Ts);
    }

    private static async Task<HostMemoryResult> MeasureMemoryAsync(Fixture f)
    {
        Progress($"hub memory: {f.Options.MemoryBaselineHosts:N0} hosts, then {f.Options.MemoryHosts:N0}");
        BenchDatabase.ReleaseConnections();
        using var server = await Servers.StartHubAsync(f.HubDll, f.Database.Path, f.Log("hub-memory"));
        var memory = await HostMemoryPhase.RunAsync(server, f.Shape with { Duration = f.Options.MemoryPhase }, f.Options.Warmup,
            f.FramesFile, f.Options.MemoryBaselineHosts, f.Options.MemoryHosts, f.Ts);
        await server.StopAsync(HubStopTimeout);
        return memory with { HostsSeen = f.Database.HostsWithRowsSince(memory.AllHostsFrom) };
    }

    private static FlushResult MeasureFlush(Fixture f)
    {
        Progress($"{FlushPhase.RowsPerFlush}-row flushes");
        var database = new BenchDatabase(Path.Combine(f.Folder, "flush.db"));
        var hosts = database.CreateWithHosts(f.Options.Hosts);
        var flush = FlushPhase.Run(database.Database, hosts, f.Options.FlushRepetitions);
        BenchDatabase.ReleaseConnections();
        return flush;
    }

    /// <summary>Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll of the checkout this bench was built in.</summary>
    public static string DefaultHubDll()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Lumen.sln"))) folder = folder.Parent;
        var root = folder?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "Lumen.Hub", "bin", "Release", "net10.0", "Lumen.Hub.dll");
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"lumen-bench: {message}");
        return 2;
    }
}
