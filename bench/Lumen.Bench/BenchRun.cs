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

    private static async Task<BenchResults> RunPhasesAsync(BenchOptions options, string hubDll, string folder, List<string> context)
    {
        var shape = new LoadShape(options.Duration, options.Connections, options.Threads);
        var ts = new TsPlan();

        Progress($"registering {options.MemoryHosts:N0} hosts");
        var database = new BenchDatabase(Path.Combine(folder, "hub.db"));
        var agents = database.CreateWithHosts(Math.Max(options.Hosts, options.MemoryHosts));
        var framesFile = Path.Combine(folder, "frames.tsv");
        FramesFile.Write(framesFile, agents);
        BenchDatabase.ReleaseConnections();
        context.Add($"wrk: {options.Threads} threads, {options.Connections} keep-alive connections, {options.Duration.TotalSeconds:F0} s measured after {options.Warmup.TotalSeconds:F0} s warm-up; " +
                    $"{options.Hosts:N0} hosts rotating, frames of {FramesFile.AverageBodyBytes(agents):N0} bytes on average");

        Progress("hub under load");
        ThroughputResult hub;
        long rowsStored;
        using (var server = await Servers.StartHubAsync(hubDll, database.Path, Path.Combine(folder, "hub.log")))
        {
            hub = await ThroughputPhase.RunAsync(server, "/api/ingest", shape, options.Warmup, framesFile, options.Hosts, ts);
            await server.StopAsync(HubStopTimeout);
            rowsStored = database.RowsSince(hub.MeasuredFrom);
        }

        Progress("bare Kestrel under the same load");
        ThroughputResult bare;
        using (var server = await Servers.StartBareAsync(Path.Combine(folder, "bare.log")))
            bare = await ThroughputPhase.RunAsync(server, "/api/ingest", shape, options.Warmup, framesFile, options.Hosts, ts);

        Progress($"hub memory: {options.MemoryBaselineHosts:N0} hosts, then {options.MemoryHosts:N0}");
        HostMemoryResult memory;
        BenchDatabase.ReleaseConnections();
        using (var server = await Servers.StartHubAsync(hubDll, database.Path, Path.Combine(folder, "hub-memory.log")))
        {
            memory = await HostMemoryPhase.RunAsync(server, shape with { Duration = options.MemoryPhase }, options.Warmup, framesFile,
                options.MemoryBaselineHosts, options.MemoryHosts, ts);
            await server.StopAsync(HubStopTimeout);
            memory = memory with { HostsSeen = database.HostsWithRowsSince(memory.AllHostsFrom) };
        }

        Progress($"{FlushPhase.RowsPerFlush}-row flushes");
        var flushDatabase = new BenchDatabase(Path.Combine(folder, "flush.db"));
        var flushHosts = flushDatabase.CreateWithHosts(options.Hosts);
        var flush = FlushPhase.Run(flushDatabase.Database, flushHosts, options.FlushRepetitions);
        BenchDatabase.ReleaseConnections();

        return new BenchResults(hub, rowsStored, bare, memory, flush);
    }

    /// <summary>Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll of the checkout this bench was built in.</summary>
    private static string DefaultHubDll()
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
