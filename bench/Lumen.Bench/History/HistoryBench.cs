using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Bench.Fixtures;
using Lumen.Bench.Phases;
using Lumen.Bench.Processes;
using Lumen.Bench.Report;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Bench.History;

/// <summary>Latencies of one case, in milliseconds, in the order measured.</summary>
public sealed record Latencies(IReadOnlyList<double> Ms)
{
    public double P(double q)
    {
        var sorted = Ms.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"{P(0.5):F1} / {P(0.95):F1} / {P(0.99):F1}");
}

/// <summary>
/// <c>Lumen.Bench history</c>: times history queries on a database of N hosts × D days of 5 s
/// rows, through the Release hub's HTTP endpoint on 127.0.0.1 and through the hub's
/// <see cref="HistoryStore"/> alone, and a 5,000-row flush without and with container history.
/// </summary>
public static class HistoryBench
{
    private const double GoalMs = 50;
    private const int Warmup = 5;
    private static readonly TimeSpan HubStopTimeout = TimeSpan.FromSeconds(75);

    public static async Task<int> RunAsync(HistoryOptions options)
    {
        string? folder = Directory.CreateTempSubdirectory("lumen-history-bench-").FullName;
        try
        {
            var context = new List<string> { $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {MachineFacts.Cpu()}, {MachineFacts.Memory()}; load average at start {MachineFacts.LoadAverage()}" };
            if (!File.Exists(options.DatabasePath))
            {
                Progress($"generating {options.Hosts} hosts × {options.Days} days of 5 s rows in {options.DatabasePath}");
                var fixture = HistoryDatabase.Create(options.DatabasePath, options.Hosts, options.Days, DateTimeOffset.UtcNow, Progress, options.RawDays);
                context.Add($"building the tiers (per-minute sums, then 5-minute buckets) of one day of {fixture.Hosts} hosts' raw rows: {fixture.DailyTierCost?.TotalSeconds:N1} s");
            }
            var database = new LumenDatabase(options.DatabasePath);
            database.Initialise();
            var (host, name, newest, rows, hosts) = Describe(database);
            var to = DateTimeOffset.FromUnixTimeMilliseconds(newest + 1);
            var tiers = HistoryTiers.From(new Lumen.Hub.Settings.SettingsStore(database, Lumen.Hub.Settings.SettingDefaults.BuiltIn, TimeProvider.System).Read());
            var (rawSpan, span, buckets) = Coverage(database, to);
            // The cases the file can answer: windows it covers, raw-row cases only where raw rows are kept.
            var cases = HistoryCase.All.Where(c => c.Span <= span + TimeSpan.FromMinutes(1) && (!c.Direct || c.Span <= rawSpan + TimeSpan.FromMinutes(1))).ToArray();
            var fileMiB = new FileInfo(database.Path).Length / 1048576.0;
            context.Add($"database: {rows:N0} snapshot rows ({rawSpan.TotalHours:N0} h) and {buckets:N0} 5-minute buckets ({span.TotalDays:N0} d) of {hosts} hosts, {fileMiB:N0} MiB " +
                        $"({fileMiB / hosts / Math.Max(1, span.TotalDays) * 365:N1} MiB per host-year at this mix); queries for host {name} (id {host.Value}), windows ending at its newest row ({to:u})");
            context.Add($"{options.Requests} sequential requests per case after {Warmup} unmeasured; latencies p50 / p95 / p99 in ms; goal ≤ {GoalMs} ms judged on p50 of HTTP and SQL");
            SqliteConnection.ClearAllPools();

            var http = await MeasureHttpAsync(options, database.Path, folder, host, to, cases);
            var sql = MeasureSql(database, host, to, options.Requests, cases, tiers);
            var plans = cases.Where(c => !c.Direct).Select(c => (c, new HistoryStore(database).ExplainQueryPlan(host, c.Window(to, tiers)))).ToArray();
            var flush = MeasureFlush(folder, options.FlushRepetitions, options.ContainersPerHost);
            context[0] += $", at the end {MachineFacts.LoadAverage()}";
            SqliteConnection.ClearAllPools();

            var report = Report(context, http, sql, plans, flush);
            Console.Out.Write(report);
            if (options.ReportPath is { } path) await File.WriteAllTextAsync(path, report);
            var met = http.All(h => Met(h.Value.Latencies, sql[h.Key].Wall)) && flush.Where(f => f.ContainersPerHost is not > 0).All(f => f.P50.TotalMilliseconds <= GoalMs);
            return met ? 0 : 1;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
        {
            Console.Error.WriteLine($"lumen-bench: {e.Message} (the hub's log is kept in {folder})");
            folder = null;
            return 2;
        }
        finally
        {
            if (folder is not null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Judged on the medians: on the shared 2-core machine this runs on, the tails measure the
    /// other builds on the cores more than the hub (the table shows them as measured, and the
    /// SQL's own CPU time beside them).
    /// </summary>
    private static bool Met(Latencies http, Latencies sql) => http.P(0.5) <= GoalMs && sql.P(0.5) <= GoalMs;

    /// <summary>Wall time of each read, and the CPU time its thread used (unaffected by waiting for a core).</summary>
    private sealed record SqlResult(Latencies Wall, Latencies Cpu);

    private sealed record HttpResult(Latencies Latencies, double FirstMs, int Points, long StepSeconds, int Bytes);

    /// <summary>How far back raw rows and the whole history (any tier) reach from <paramref name="to"/>, and the buckets held.</summary>
    private static (TimeSpan Raw, TimeSpan All, long Buckets) Coverage(LumenDatabase database, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT min(ts) FROM snapshots),
                   (SELECT min(bucket_ts) FROM snapshot_buckets),
                   (SELECT count(*) FROM snapshot_buckets);
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var toMs = to.ToUnixTimeMilliseconds();
        var raw = reader.IsDBNull(0) ? 0 : toMs - reader.GetInt64(0);
        var all = reader.IsDBNull(1) ? raw : Math.Max(raw, toMs - reader.GetInt64(1));
        return (TimeSpan.FromMilliseconds(raw), TimeSpan.FromMilliseconds(all), reader.GetInt64(2));
    }

    private static async Task<Dictionary<HistoryCase, HttpResult>> MeasureHttpAsync(HistoryOptions options, string databasePath, string folder, HostId host, DateTimeOffset to,
        IReadOnlyList<HistoryCase> all)
    {
        Progress($"starting the Release hub on 127.0.0.1:{options.Port}");
        using var server = await Servers.StartHubAsync(options.HubDll ?? DefaultHubDll(), databasePath, Path.Combine(folder, "hub.log"), port: options.Port);
        using var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        await SignInAsync(client);
        var cases = all.Where(c => !c.Direct).ToArray();
        var times = cases.ToDictionary(c => c, _ => new List<double>());
        var shapes = new Dictionary<HistoryCase, (int Points, long Step, int Bytes)>();
        // Round-robin over the cases, so a burst of load from elsewhere on the machine falls on all of them alike.
        Progress($"HTTP: {cases.Length} cases × {Warmup} + {options.Requests} requests, in turn");
        for (var i = 0; i < Warmup + options.Requests; i++)
            foreach (var c in cases)
            {
                var url = $"/api/hosts/{host.Value}/metrics?{c.Query(to)}";
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
                if (i == 0) shapes[c] = Shape(body);
                times[c].Add(ms);
            }
        var results = cases.ToDictionary(c => c, c => new HttpResult(new Latencies(times[c][Warmup..]), times[c][0], shapes[c].Points, shapes[c].Step, shapes[c].Bytes));
        await server.StopAsync(HubStopTimeout);
        return results;
    }

    /// <summary>
    /// The endpoint needs a session: the first run registers the benchmark's admin in the
    /// database (kept for the next run), later runs sign in as it. The client keeps the cookie.
    /// </summary>
    private static async Task SignInAsync(HttpClient client)
    {
        var credentials = $$"""{"username":"{{BenchAdmin}}","password":"{{BenchPassword}}"}""";
        using var status = JsonDocument.Parse(await client.GetStringAsync("/api/setup-status"));
        var path = status.RootElement.GetProperty("admin_exists").GetBoolean() ? "/api/login" : "/api/register";
        using var response = await client.PostAsync(path, new StringContent(credentials, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path} as {BenchAdmin}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private const string BenchAdmin = "history-bench";
    private const string BenchPassword = "history bench, loopback only";

    private static (int Points, long Step, int Bytes) Shape(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("points").GetArrayLength(), json.RootElement.GetProperty("step_seconds").GetInt64(), body.Length);
    }

    private static Dictionary<HistoryCase, SqlResult> MeasureSql(LumenDatabase database, HostId host, DateTimeOffset to, int requests,
        IReadOnlyList<HistoryCase> cases, HistoryTiers tiers)
    {
        var store = new HistoryStore(database);
        var windows = cases.ToDictionary(c => c, c => c.Window(to, tiers));
        var times = cases.ToDictionary(c => c, _ => new List<double>());
        var cpu = cases.ToDictionary(c => c, _ => new List<double>());
        Progress($"SQL: {windows.Count} cases × {Warmup} + {requests} reads, in turn");
        for (var i = 0; i < Warmup + requests; i++)
            foreach (var c in cases)
            {
                var cpuBefore = Posix.ThreadCpuTime();
                var started = Stopwatch.GetTimestamp();
                var points = store.Read(host, windows[c]);
                times[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cpu[c].Add((Posix.ThreadCpuTime() - cpuBefore).TotalMilliseconds);
                if (points.Count == 0) throw new InvalidOperationException($"{c.Name}: no points");
            }
        return cases.ToDictionary(c => c, c => new SqlResult(new Latencies(times[c][Warmup..]), new Latencies(cpu[c][Warmup..])));
    }

    /// <summary>
    /// 5,000-row flushes (1,000 hosts) into fresh databases, late rows' tiers included: without
    /// containers, then with <paramref name="containersPerHost"/> per frame, twice each in turn, so
    /// a change in the machine's load falls on both alike.
    /// </summary>
    internal static FlushResult[] MeasureFlush(string folder, int repetitions, int containersPerHost, int historyDays = 0)
    {
        Progress($"5,000-row flushes without containers and with {containersPerHost} per host{(historyDays > 0 ? $", the file holding {historyDays} days of their history" : "")}");
        var runs = new List<FlushResult>();
        for (var round = 0; round < 2; round++)
            foreach (var containers in new[] { 0, containersPerHost })
            {
                var fixture = new BenchDatabase(Path.Combine(folder, $"flush-{round}-{containers}.db"));
                runs.Add(FlushPhase.Run(fixture.Database, fixture.CreateWithHosts(1000), repetitions, containers, historyDays));
                BenchDatabase.ReleaseConnections();
            }
        return runs.GroupBy(r => r.ContainersPerHost)
            .Select(g => g.Last() with { Times = g.SelectMany(r => r.Times).ToArray(), CpuTimes = g.SelectMany(r => r.CpuTimes).ToArray(), ItemUpserts = g.Sum(r => r.ItemUpserts) })
            .ToArray();
    }

    /// <summary>
    /// The flush rows of the report's table. The goal is judged on the flush without containers,
    /// as it was set; the row with them shows what container history adds, beside it.
    /// </summary>
    internal static IEnumerable<string> FlushRows(FlushResult[] flushes) => flushes.Select(flush => string.Create(CultureInfo.InvariantCulture,
        $"| 5,000-row flush p50 / max (1,000 hosts, {flush.Times.Count} runs), {(flush.ContainersPerHost is > 0 and var n ? $"{n} containers per host ({flush.ItemUpserts / flush.Times.Count:N0} container upserts a flush)" : "no containers")} | | | | {flush.P50.TotalMilliseconds:F1} / {flush.Max.TotalMilliseconds:F1} ms | {flush.CpuP50.TotalMilliseconds:F1} ms | {(flush.ContainersPerHost is > 0 ? "not judged | " : $"p50 ≤ {GoalMs} ms | {(flush.P50.TotalMilliseconds <= GoalMs ? "PASS" : "MISS")}")} |"));

    private static (HostId Host, string Name, long NewestMs, long Rows, long Hosts) Describe(LumenDatabase database)
    {
        using var connection = database.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var hosts = Scalar("SELECT count(*) FROM hosts;");
        // The middle host: its rows sit between other hosts' on every page range, as most hosts' do.
        var host = Scalar($"SELECT id FROM hosts ORDER BY id LIMIT 1 OFFSET {hosts / 2};");
        using var nameCommand = connection.CreateCommand();
        nameCommand.CommandText = $"SELECT name FROM hosts WHERE id = {host};";
        var name = (string)nameCommand.ExecuteScalar()!;
        return (new HostId(host), name, Scalar($"SELECT max(ts) FROM snapshots WHERE host_id = {host};"),
            Scalar("SELECT sum(samples) FROM snapshot_minutes;"), hosts);
    }

    private static string Report(
        List<string> context, Dictionary<HistoryCase, HttpResult> http, Dictionary<HistoryCase, SqlResult> sql,
        (HistoryCase Case, IReadOnlyList<string> Plan)[] plans, FlushResult[] flushes)
    {
        var text = new StringBuilder();
        foreach (var line in context) text.Append("- ").AppendLine(line);
        text.AppendLine();
        text.AppendLine("| Request | Points (step), body | HTTP p50 / p95 / p99 | HTTP first | SQL alone p50 / p95 / p99 | SQL CPU p50 | Goal | Verdict |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in HistoryCase.All.Where(sql.ContainsKey))
        {
            var s = sql[c];
            var cpu = string.Create(CultureInfo.InvariantCulture, $"{s.Cpu.P(0.5):F1} ms");
            if (http.TryGetValue(c, out var h))
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Name} | {h.Points:N0} ({h.StepSeconds} s), {h.Bytes / 1024.0:N0} KiB | {h.Latencies.Summary} ms | {h.FirstMs:F1} ms | {s.Wall.Summary} ms | {cpu} | ≤ {GoalMs} ms | {(Met(h.Latencies, s.Wall) ? "PASS" : "MISS")} |"));
            else
                text.AppendLine($"| {c.Name} | not served by the API | | | {s.Wall.Summary} ms | {cpu} | | |");
        }
        foreach (var row in FlushRows(flushes)) text.AppendLine(row);
        text.AppendLine();
        text.AppendLine("Query plans (`EXPLAIN QUERY PLAN`):");
        text.AppendLine();
        foreach (var (c, plan) in plans)
        {
            text.AppendLine($"- {c.Name}:");
            foreach (var line in plan) text.AppendLine($"  - `{line}`");
        }
        return text.ToString();
    }

    private static string DefaultHubDll()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Lumen.sln"))) folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? Directory.GetCurrentDirectory(), "Lumen.Hub", "bin", "Release", "net10.0", "Lumen.Hub.dll");
    }

    internal static void Progress(string message) => Console.Error.WriteLine($"[history {DateTime.Now:HH:mm:ss}] {message}");
}
