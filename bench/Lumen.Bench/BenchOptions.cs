using System.Globalization;

namespace Lumen.Bench;

/// <summary>Everything a run can be told on its command line, with the defaults of <c>bench/run.sh</c>.</summary>
public sealed record BenchOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);
    public int Connections { get; init; } = 64;
    public int Threads { get; init; } = 2;
    public int Hosts { get; init; } = 1000;
    public int MemoryHosts { get; init; } = 10_000;
    public int MemoryBaselineHosts { get; init; } = 100;
    public TimeSpan MemoryPhase { get; init; } = TimeSpan.FromSeconds(10);
    public int FlushRepetitions { get; init; } = 10;
    public string? HubDll { get; init; }
    public string? ReportPath { get; init; }
    public bool KeepFiles { get; init; }

    public const string Usage = """
        usage: Lumen.Bench [options]            run every phase and print the table
               Lumen.Bench bare-server --port N  the bare 204 endpoint (started by the run itself)
               Lumen.Bench parse                 µs and bytes per parse of the golden frames, old parser and new
               Lumen.Bench processes [--extra N] [--ticks N]  µs and bytes per tick of the agent's process list on this /proc
               Lumen.Bench history [--help]      history query latencies on 100 hosts × 7 days (bench/history.sh)
               Lumen.Bench history-db [--help]   only generate the history benchmark's database
               Lumen.Bench stream [--help]       the live stream: 1,000 paced agents, 200 WebSocket clients
               Lumen.Bench alerts [--help]       ingest with 100 alert rules against none, memory, HostAlerts.Observe
               Lumen.Bench alerts-eval           only the in-process parts: HostAlerts.Observe, the host actors
        options:
          --duration S         seconds of measured load per throughput phase (20)
          --warmup S           seconds of unmeasured load before each (10)
          --connections N      keep-alive connections (64)
          --threads N          wrk threads (2)
          --hosts N            simulated agents in the throughput phases (1000)
          --memory-hosts N     hosts in the memory phase (10000)
          --memory-phase S     seconds of load per step of the memory phase (10)
          --flush-reps N       timed 5000-row flushes (10)
          --hub-dll PATH       the Release hub (default: Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll)
          --report PATH        also write the table as Markdown to PATH
          --keep               keep the temp folder (databases, logs, frames)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--duration" => options with { Duration = Seconds(Next()) },
                "--warmup" => options with { Warmup = Seconds(Next()) },
                "--connections" => options with { Connections = Count(Next()) },
                "--threads" => options with { Threads = Count(Next()) },
                "--hosts" => options with { Hosts = Count(Next()) },
                "--memory-hosts" => options with { MemoryHosts = Count(Next()) },
                "--memory-phase" => options with { MemoryPhase = Seconds(Next()) },
                "--flush-reps" => options with { FlushRepetitions = Count(Next()) },
                "--hub-dll" => options with { HubDll = Next() },
                "--report" => options with { ReportPath = Next() },
                "--keep" => options with { KeepFiles = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Hosts < options.Threads || options.MemoryBaselineHosts >= options.MemoryHosts)
            throw new ArgumentException("--hosts must be at least --threads, and --memory-hosts above 100");
        return options;
    }

    /// <summary>"20" or "20s": wrk takes whole seconds.</summary>
    private static TimeSpan Seconds(string text) =>
        TimeSpan.FromSeconds(Count(text.EndsWith('s') ? text[..^1] : text));

    private static int Count(string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive whole number");
}
