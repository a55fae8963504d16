using System.Globalization;

namespace Lumen.Bench.Alerts;

/// <summary>The command line of <c>Lumen.Bench alerts</c>, with its defaults.</summary>
public sealed record AlertsBenchOptions
{
    /// <summary>Short slices of load, each hub in turn: a machine whose load moves by the minute moves both alike.</summary>
    public TimeSpan Slice { get; init; } = TimeSpan.FromSeconds(5);
    public int Pairs { get; init; } = 12;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);
    public int Connections { get; init; } = 64;
    public int Threads { get; init; } = 2;
    public int Hosts { get; init; } = 1000;
    public int Rules { get; init; } = BenchRules.Count;
    public int MemoryBaselineHosts { get; init; } = 100;
    public TimeSpan MemoryPhase { get; init; } = TimeSpan.FromSeconds(10);
    public bool SkipMemory { get; init; }
    public bool SkipEval { get; init; }
    public string? HubDll { get; init; }
    public string? ReportPath { get; init; }
    public bool KeepFiles { get; init; }

    /// <summary>The goal of the alerts issue: ingest with the rules keeps this share of the rate without.</summary>
    public const double MinShareWithRules = 0.90;

    public const string Usage = """
        usage: Lumen.Bench alerts [options]   ingest with 100 never-firing rules against none (two hubs in turn),
                                              hub memory with and without them, and HostAlerts.Observe in process
               Lumen.Bench alerts-eval        only the in-process parts: HostAlerts.Observe and the host actors (about 2 min)
        options:
          --slice S            seconds of one slice of measured wrk load on one hub (5)
          --pairs N            slices per hub, the two hubs in turn (12: 60 s measured each)
          --warmup S           seconds of unmeasured load on each hub first (10)
          --connections N      keep-alive connections (64)
          --threads N          wrk threads (2)
          --hosts N            simulated agents (1000)
          --rules N            how many of the bench's rules in the "rules" case (100)
          --memory-phase S     seconds of load per step of the memory phase (10)
          --no-memory          skip the memory phase
          --no-eval            skip the in-process measurements
          --hub-dll PATH       the Release hub (default: Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll)
          --report PATH        also write the tables as Markdown to PATH
          --keep               keep the temp folder (databases, logs, frames)
        """;

    public static AlertsBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AlertsBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--slice" => options with { Slice = Seconds(Next()) },
                "--pairs" => options with { Pairs = Count(Next()) },
                "--warmup" => options with { Warmup = Seconds(Next()) },
                "--connections" => options with { Connections = Count(Next()) },
                "--threads" => options with { Threads = Count(Next()) },
                "--hosts" => options with { Hosts = Count(Next()) },
                "--rules" => options with { Rules = Count(Next()) },
                "--memory-phase" => options with { MemoryPhase = Seconds(Next()) },
                "--no-memory" => options with { SkipMemory = true },
                "--no-eval" => options with { SkipEval = true },
                "--hub-dll" => options with { HubDll = Next() },
                "--report" => options with { ReportPath = Next() },
                "--keep" => options with { KeepFiles = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Hosts < options.Threads || options.Hosts <= options.MemoryBaselineHosts)
            throw new ArgumentException($"--hosts must be at least --threads and above {options.MemoryBaselineHosts}");
        if (options.Rules > BenchRules.Count) throw new ArgumentException($"--rules is at most {BenchRules.Count}");
        return options;
    }

    private static TimeSpan Seconds(string text) =>
        TimeSpan.FromSeconds(Count(text.EndsWith('s') ? text[..^1] : text));

    private static int Count(string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive whole number");
}
