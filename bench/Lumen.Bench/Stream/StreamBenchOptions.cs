using System.Globalization;

namespace Lumen.Bench.Stream;

/// <summary>The command line of <c>Lumen.Bench stream</c>, with its defaults.</summary>
public sealed record StreamBenchOptions
{
    public int Hosts { get; init; } = 1000;
    public int Clients { get; init; } = 200;
    public int Silent { get; init; } = 100;
    public int Narrowed { get; init; } = 20;
    /// <summary>Five minutes: with frames of several MiB the GC takes a couple of minutes to settle, and RSS is judged on the two halves.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(300);
    public TimeSpan StreamInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan AgentInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Enough wrk for 120 frames per host even at a third of this machine's quiet ingest rate.</summary>
    public TimeSpan Backfill { get; init; } = TimeSpan.FromSeconds(12);
    public bool SilentKeepAlive { get; init; } = true;
    public string? HubDll { get; init; }
    public string? ReportPath { get; init; }
    public bool KeepFiles { get; init; }

    /// <summary>Hosts a narrowed client subscribes to: a dashboard's detail view of a few machines.</summary>
    public const int NarrowedHosts = 10;

    public const string Usage = """
        usage: Lumen.Bench stream [options]   the live stream under load, against a run without it
        options:
          --hosts N            agents posting every agent interval (1000)
          --clients N          WebSocket clients (200)
          --silent N           of those, clients that never read (100)
          --narrowed N         of the reading ones, clients subscribed to 10 hosts only (20)
          --duration S         seconds measured per phase (300)
          --stream-interval S  LUMEN_HUB_STREAM_INTERVAL for the hub (5)
          --agent-interval S   each agent's posting interval (5)
          --backfill S         seconds of wrk before each phase, filling every CPU ring (12)
          --silent-quiet       silent clients send nothing either, so the hub's keep-alive drops them
          --hub-dll PATH       the Release hub (default: Lumen.Hub/bin/Release/net10.0/Lumen.Hub.dll)
          --report PATH        also write the tables as Markdown to PATH
          --keep               keep the temp folder (database, logs)
        """;

    public static StreamBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StreamBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--hosts" => options with { Hosts = Count(Next()) },
                "--clients" => options with { Clients = Count(Next()) },
                "--silent" => options with { Silent = Count(Next(), allowZero: true) },
                "--narrowed" => options with { Narrowed = Count(Next(), allowZero: true) },
                "--duration" => options with { Duration = Seconds(Next()) },
                "--stream-interval" => options with { StreamInterval = Seconds(Next()) },
                "--agent-interval" => options with { AgentInterval = Seconds(Next()) },
                "--backfill" => options with { Backfill = Seconds(Next()) },
                "--silent-quiet" => options with { SilentKeepAlive = false },
                "--hub-dll" => options with { HubDll = Next() },
                "--report" => options with { ReportPath = Next() },
                "--keep" => options with { KeepFiles = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Silent + options.Narrowed >= options.Clients)
            throw new ArgumentException("--silent plus --narrowed must leave some clients that read every host");
        if (options.Hosts < NarrowedHosts) throw new ArgumentException($"--hosts must be at least {NarrowedHosts}");
        if (options.Duration < options.StreamInterval * 4) throw new ArgumentException("--duration must cover at least four stream intervals");
        return options;
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(Count(text.EndsWith('s') ? text[..^1] : text));

    private static int Count(string text, bool allowZero = false) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new ArgumentException($"'{text}' is not a {(allowZero ? "whole" : "positive whole")} number");
}
