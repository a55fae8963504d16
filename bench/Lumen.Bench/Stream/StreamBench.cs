using System.Net.Http.Json;
using Lumen.Bench.Fixtures;
using Lumen.Bench.Load;
using Lumen.Bench.Processes;
using Lumen.Bench.Report;

namespace Lumen.Bench.Stream;

/// <summary>What one phase measured: the agents' side, the hub's samples and CPU, and the clients.</summary>
public sealed record StreamPhaseResult(
    IngestStats Ingest, IReadOnlyList<HubSample> Samples, TimeSpan HubCpu, TimeSpan BenchCpu, DateTime From, DateTime To,
    IReadOnlyList<ReadingClient> Readers, IReadOnlyList<SilentClient> Silent);

/// <summary>
/// The live stream benchmark: the same paced agents twice against a fresh Release hub, first
/// without stream clients, then with reading and never-reading WebSocket clients connected,
/// so the second run can be judged against the first.
/// </summary>
public static class StreamBench
{
    private const string AdminUsername = "bench";
    private const string AdminPassword = "bench-password-not-secret";
    private static readonly TimeSpan HubStopTimeout = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(StreamBenchOptions options)
    {
        var hubDll = options.HubDll ?? BenchRun.DefaultHubDll();
        if (!File.Exists(hubDll)) return Fail($"no hub at {hubDll}: build it with 'dotnet build -c Release' first");
        if (!Wrk.IsInstalled()) return Fail("wrk is not on PATH: bench/run.sh installs it (apt-get install -y wrk)");

        var folder = Directory.CreateTempSubdirectory("lumen-stream-bench-").FullName;
        var keep = options.KeepFiles;
        try
        {
            var context = $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {MachineFacts.Cpu()}, {MachineFacts.Memory()}; load average at start {MachineFacts.LoadAverage()}";
            Progress($"registering {options.Hosts:N0} hosts");
            var database = new BenchDatabase(Path.Combine(folder, "hub.db"));
            var agents = database.CreateWithHosts(options.Hosts);
            var framesFile = Path.Combine(folder, "frames.tsv");
            FramesFile.Write(framesFile, agents);
            BenchDatabase.ReleaseConnections();
            var bodies = AgentBody.Read(framesFile, options.Hosts);
            var ts = new TsPlan();

            Progress($"phase 1: {options.Hosts:N0} agents every {options.AgentInterval.TotalSeconds:F0} s, no stream clients");
            var baseline = await RunPhaseAsync(options, hubDll, folder, database, framesFile, bodies, ts, withClients: false);
            Progress($"phase 2: the same, with {options.Clients} stream clients ({options.Silent} never reading)");
            var loaded = await RunPhaseAsync(options, hubDll, folder, database, framesFile, bodies, ts, withClients: true);

            var report = new StreamReport(options, context, baseline, loaded);
            var markdown = report.ToMarkdown();
            Console.Out.Write(markdown);
            if (options.ReportPath is { } path) await File.WriteAllTextAsync(path, markdown);
            return report.AllGoalsMet ? 0 : 1;
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

    private static async Task<StreamPhaseResult> RunPhaseAsync(
        StreamBenchOptions options, string hubDll, string folder, BenchDatabase database, string framesFile,
        IReadOnlyList<AgentBody> bodies, TsPlan ts, bool withClients)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_STREAM_INTERVAL"] = $"{options.StreamInterval.TotalSeconds:F0}s",
            ["LUMEN_HUB_ADMIN_USERNAME"] = AdminUsername,
            ["LUMEN_HUB_ADMIN_PASSWORD"] = AdminPassword,
        };
        BenchDatabase.ReleaseConnections();
        using var hub = await Servers.StartHubAsync(hubDll, database.Path, Path.Combine(folder, withClients ? "hub-stream.log" : "hub-baseline.log"), environment);

        // Every host's CPU ring full, as on a hub that has run for ten minutes: frames at their real size.
        Progress($"  back-filling every host's CPU ring with wrk for {options.Backfill.TotalSeconds:F0} s");
        await Wrk.RunAsync(new Uri(hub.BaseUri, "/api/ingest"), new LoadShape(options.Backfill, 64, 2), framesFile, options.Hosts, ts.Next());

        using var stop = new CancellationTokenSource();
        var readers = new List<ReadingClient>();
        var silent = new List<SilentClient>();
        var clientRuns = new List<Task>();
        if (withClients)
        {
            var cookie = await SignInAsync(hub.BaseUri);
            // Hosts spread over the agents' schedule, so each round has fresh data from some of them
            // and consecutive narrowed frames differ (they are told apart by their newest received_at).
            var spacing = options.Hosts / StreamBenchOptions.NarrowedHosts;
            var narrowTo = Enumerable.Range(0, StreamBenchOptions.NarrowedHosts).Select(i => $"bench-{i * spacing:D5}").ToList();
            // Narrowed readers offer compression, as browsers do; every other all-host reader does
            // not, so each frame's cost on the wire is measured both ways in the same run.
            for (var i = 0; i < options.Clients - options.Silent; i++)
                readers.Add(new ReadingClient(hub.BaseUri, cookie, i < options.Narrowed ? narrowTo : null, deflate: i < options.Narrowed || (i - options.Narrowed) % 2 == 0));
            for (var i = 0; i < options.Silent; i++) silent.Add(new SilentClient(hub.BaseUri, cookie, options.SilentKeepAlive));
            clientRuns.AddRange(readers.Select(r => Task.Run(() => r.RunAsync(stop.Token))));
            clientRuns.AddRange(silent.Select(s => Task.Run(() => s.RunAsync(stop.Token))));
            Progress($"  {readers.Count} reading and {silent.Count} silent clients connecting");
        }
        // Connections settle and the silent ones fill their sockets before anything is measured.
        await Task.Delay(options.StreamInterval * 2);

        var sampler = new HubSampler(hub, SampleEvery);
        var sampling = sampler.RunAsync(stop.Token);
        var cpuBefore = hub.Sample().CpuTime;
        var benchCpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var from = DateTime.UtcNow;
        Progress($"  measuring for {options.Duration.TotalSeconds:F0} s");
        var ingest = await new PacedAgents(hub.BaseUri, bodies, options.AgentInterval).RunAsync(options.Duration, ts.Next());
        var to = DateTime.UtcNow;
        var cpu = hub.Sample().CpuTime - cpuBefore;
        var benchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
        // One more interval, so a frame built at the very end still arrives before the clients stop.
        await Task.Delay(options.StreamInterval);

        await stop.CancelAsync();
        await Task.WhenAll(clientRuns.Append(sampling));
        await hub.StopAsync(HubStopTimeout);
        return new StreamPhaseResult(ingest, sampler.Samples, cpu, benchCpu, from, to, readers, silent);
    }

    /// <summary>The session cookie of the admin the hub seeded from the environment.</summary>
    private static async Task<string> SignInAsync(Uri hub)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = hub };
        using var response = await http.PostAsJsonAsync("/api/login", new { username = AdminUsername, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lumen_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[stream-bench {DateTime.Now:HH:mm:ss}] {message}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"lumen-bench stream: {message}");
        return 2;
    }
}
