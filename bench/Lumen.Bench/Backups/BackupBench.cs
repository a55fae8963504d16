using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lumen.Bench.History;
using Lumen.Bench.Load;
using Lumen.Bench.Processes;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;

namespace Lumen.Bench.Backups;

/// <summary>
/// Ingest rate with and without backups running (issue 15's goal: at least 80 % during a
/// backup). A generated history database, the Release hub, agents posting as fast as the hub
/// answers; first a baseline, then the same load while backups run back to back. Counts only
/// 204s, only while a backup is in flight.
/// </summary>
public static class BackupBench
{
    private const string Admin = "bench";
    private const string Password = "bench-password-123";
    private const string Passphrase = "bench backup passphrase";
    private static readonly JsonSerializerOptions Wire = new(LumenJson.Adjusted<IngestFrame>(json => json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull).Options);

    public static async Task<int> RunAsync(string[] args)
    {
        var hosts = Option(args, "--hosts", 50);
        var days = Option(args, "--days", 3);
        var agents = Option(args, "--agents", 16);
        var seconds = Option(args, "--seconds", 20);
        var folder = Path.Combine(Path.GetTempPath(), "lumen-backup-bench");
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "backup.db");
        if (!File.Exists(databasePath)) HistoryDatabase.Create(databasePath, hosts, days, DateTimeOffset.UtcNow, Progress, null);
        var store = new HostStore(new LumenDatabase(databasePath), TimeProvider.System);
        var tokens = Enumerable.Range(0, agents).Select(i => store.Add($"backup-bench-{Guid.NewGuid():N}"[..30]).Token).ToList();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Progress($"database {new FileInfo(databasePath).Length / 1048576.0:N0} MiB, {agents} agents, {seconds} s a phase");

        using var hub = await Servers.StartHubAsync(DefaultHubDll(), databasePath, Path.Combine(folder, "hub.log"), new Dictionary<string, string>
        {
            ["LUMEN_HUB_ADMIN_USERNAME"] = Admin,
            ["LUMEN_HUB_ADMIN_PASSWORD"] = Password,
            ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = "1s",
        });
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = hub.BaseUri, Timeout = TimeSpan.FromHours(1) };
        (await admin.PostAsync("/api/login", Json($$"""{"username":"{{Admin}}","password":"{{Password}}"}"""))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/backup/passphrase", Json($$"""{"passphrase":"{{Passphrase}}"}"""))).EnsureSuccessStatusCode();

        var baseline = await IngestAsync(hub.BaseUri, tokens, TimeSpan.FromSeconds(seconds), during: null);
        var backups = new List<string>();
        var during = await IngestAsync(hub.BaseUri, tokens, TimeSpan.FromSeconds(seconds), during: async window =>
        {
            var response = await admin.PostAsync("/api/backup/run", Json($$"""{"passphrase":"{{Passphrase}}"}"""));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"backup: {(int)response.StatusCode} {body}");
            using var result = JsonDocument.Parse(body);
            backups.Add($"{result.RootElement.GetProperty("size_bytes").GetInt64() / 1048576.0:N1} MiB in {result.RootElement.GetProperty("duration_ms").GetInt64() / 1000.0:N1} s");
        });
        await hub.StopAsync(TimeSpan.FromSeconds(60));

        var ratio = during / baseline;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.Out.WriteLine($"| ingest, no backup | {baseline:N0} frames/s |");
        Console.Out.WriteLine($"| ingest while a backup runs | {during:N0} frames/s |");
        Console.Out.WriteLine($"| ratio (goal ≥ 80 %) | {ratio:P0} |");
        Console.Out.WriteLine($"| backups taken | {string.Join("; ", backups)} |");
        Console.Out.WriteLine($"| database | {new FileInfo(databasePath).Length / 1048576.0:N0} MiB; load average {string.Join(" ", load)}; {Environment.ProcessorCount} cores |");
        return ratio >= 0.8 ? 0 : 1;
    }

    /// <summary>
    /// Agents post for <paramref name="length"/>; with <paramref name="during"/>, backups run back
    /// to back and only frames acknowledged while one is in flight count.
    /// </summary>
    private static async Task<double> IngestAsync(Uri hub, IReadOnlyList<string> tokens, TimeSpan length, Func<TimeSpan, Task>? during)
    {
        long counted = 0;
        var counting = during is null ? 1 : 0;
        using var stop = new CancellationTokenSource(length);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var posting = tokens.Select((token, index) => Task.Run(async () =>
        {
            using var agent = new HttpClient { BaseAddress = hub };
            agent.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var frame = JsonSerializer.Serialize(AgentFrames.For(index, "bench", start.AddMilliseconds(i * 10L + Environment.TickCount64 % 10)), Wire);
                try
                {
                    using var response = await agent.PostAsync("/api/ingest", Json(frame), stop.Token);
                    if (response.StatusCode == HttpStatusCode.NoContent && Volatile.Read(ref counting) == 1) Interlocked.Increment(ref counted);
                }
                catch (OperationCanceledException) { }
            }
        })).ToList();

        double elapsed;
        if (during is null)
        {
            await Task.WhenAll(posting);
            elapsed = length.TotalSeconds;
        }
        else
        {
            var inFlight = Stopwatch.StartNew();
            inFlight.Stop();
            await Task.Delay(1000); // the agents' first requests warm up as in the baseline
            while (!stop.IsCancellationRequested)
            {
                Volatile.Write(ref counting, 1);
                inFlight.Start();
                await during(length);
                inFlight.Stop();
                Volatile.Write(ref counting, 0);
                await Task.Delay(1100); // backup names are per second
            }
            await Task.WhenAll(posting);
            elapsed = inFlight.Elapsed.TotalSeconds;
        }
        return counted / elapsed;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string DefaultHubDll()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Lumen.sln"))) folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? Directory.GetCurrentDirectory(), "Lumen.Hub", "bin", "Release", "net10.0", "Lumen.Hub.dll");
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[backup {DateTime.Now:HH:mm:ss}] {message}");
}
