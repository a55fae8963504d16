using System.Globalization;

namespace Lumen.Bench.History;

/// <summary><c>Lumen.Bench history-db</c> and <c>Lumen.Bench history</c>: the history query benchmark's two commands.</summary>
public static class HistoryCommand
{
    public static int CreateDatabase(string[] args)
    {
        if (args is ["--help" or "-h", ..])
        {
            Console.Out.Write(HistoryOptions.Usage);
            return 0;
        }
        if (Parse(args) is not { } options) return 2;
        var fixture = HistoryDatabase.Create(options.DatabasePath, options.Hosts, options.Days, DateTimeOffset.UtcNow, HistoryBench.Progress, options.RawDays);
        HistoryBench.Progress($"{fixture.Rows:N0} samples of {fixture.Hosts} hosts from {fixture.From:O} to {fixture.To:O} in {fixture.Path} ({new FileInfo(fixture.Path).Length / 1048576.0:N0} MiB); " +
                              $"the tiers of one day of raw rows took {fixture.DailyTierCost?.TotalSeconds:N1} s to build");
        return 0;
    }

    /// <summary>Only the flush rows of the table: the cost of container history on the writer, without a query database.</summary>
    public static int Flush(string[] args)
    {
        if (args is ["--help" or "-h", ..])
        {
            Console.Out.Write(HistoryOptions.Usage);
            return 0;
        }
        if (Parse(args) is not { } options) return 2;
        var folder = Directory.CreateTempSubdirectory("lumen-history-flush-").FullName;
        try
        {
            var loadBefore = Report.MachineFacts.LoadAverage();
            var flushes = HistoryBench.MeasureFlush(folder, options.FlushRepetitions, options.ContainersPerHost, options.HistoryDays);
            Console.Out.WriteLine($"- {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {Report.MachineFacts.Cpu()}; load average at start {loadBefore}, at the end {Report.MachineFacts.LoadAverage()}");
            Console.Out.WriteLine();
            Console.Out.WriteLine("| Request | Points (step), body | HTTP p50 / p95 / p99 | HTTP first | SQL alone p50 / p95 / p99 | SQL CPU p50 | Goal | Verdict |");
            Console.Out.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var row in HistoryBench.FlushRows(flushes)) Console.Out.WriteLine(row);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help" or "-h", ..])
        {
            Console.Out.Write(HistoryOptions.Usage);
            return 0;
        }
        return Parse(args) is { } options ? await HistoryBench.RunAsync(options) : 2;
    }

    private static HistoryOptions? Parse(string[] args)
    {
        try
        {
            return HistoryOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"lumen-bench: {e.Message}\n{HistoryOptions.Usage}");
            return null;
        }
    }
}

/// <summary>The history benchmark's command line.</summary>
public sealed record HistoryOptions
{
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), "lumen-history-bench", "history.db");
    public int Hosts { get; init; } = 100;
    public int Days { get; init; } = 7;
    public int? RawDays { get; init; }
    public int Requests { get; init; } = 50;
    public int Port { get; init; } = 18200;
    public int FlushRepetitions { get; init; } = 10;
    public int ContainersPerHost { get; init; } = 10;
    public int HistoryDays { get; init; }
    public string? HubDll { get; init; }
    public string? ReportPath { get; init; }

    public const string Usage = """
        usage: Lumen.Bench history-db [--db PATH] [--hosts N] [--days N]   only generate the database
               Lumen.Bench history-flush [--flush-reps N] [--containers N] [--history-days N]
                                                                          only the flushes, without and with container history
               Lumen.Bench history [options]                             generate it if missing, then measure
        options:
          --db PATH        the database (default: $TMPDIR/lumen-history-bench/history.db; reused when it exists)
          --hosts N        hosts in a generated database (100)
          --days N         days of 5 s samples per host in a generated database (7)
          --raw-days N     of those, the newest N as raw rows, the rest as 5 m buckets only, as a hub
                           past its retention window keeps them (default: all raw; a year: --days 365 --raw-days 1)
          --requests N     measured requests per case (50)
          --port N         the hub's loopback port (18200)
          --flush-reps N   timed 5,000-row flushes per database, two without containers and two with them (10)
          --containers N   containers per host in the flushes with container history (10)
          --history-days N history-flush only: the flushes' files already hold N days of those containers' history (0)
          --hub-dll PATH   the Release hub (default: Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll)
          --report PATH    also write the table as Markdown to PATH
        """;

    public static HistoryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HistoryOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{args[i]} must be positive");
            options = args[i] switch
            {
                "--db" => options with { DatabasePath = Path.GetFullPath(Next()) },
                "--hosts" => options with { Hosts = Count() },
                "--days" => options with { Days = Count() },
                "--raw-days" => options with { RawDays = Count() },
                "--requests" => options with { Requests = Count() },
                "--port" => options with { Port = Count() },
                "--flush-reps" => options with { FlushRepetitions = Count() },
                "--containers" => options with { ContainersPerHost = Count() },
                "--history-days" => options with { HistoryDays = Count() },
                "--hub-dll" => options with { HubDll = Next() },
                "--report" => options with { ReportPath = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
