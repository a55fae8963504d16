using System.Globalization;

namespace Lumen.Bench.History;

/// <summary><c>Lumen.Bench history-db</c> and <c>Lumen.Bench history</c>: the history query benchmark's two commands.</summary>
public static class HistoryCommand
{
    public static int CreateDatabase(string[] args)
    {
        var options = HistoryOptions.Parse(args);
        var fixture = HistoryDatabase.Create(options.DatabasePath, options.Hosts, options.Days, DateTimeOffset.UtcNow, Progress);
        Progress($"{fixture.Rows:N0} rows of {fixture.Hosts} hosts from {fixture.From:O} to {fixture.To:O} in {fixture.Path} ({new FileInfo(fixture.Path).Length / 1048576.0:N0} MiB)");
        return 0;
    }

    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);

    internal static void Progress(string message) => Console.Error.WriteLine($"[history {DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>The history benchmark's command line.</summary>
public sealed record HistoryOptions
{
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), "lumen-history-bench.db");
    public int Hosts { get; init; } = 100;
    public int Days { get; init; } = 7;

    public static HistoryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HistoryOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--db" => options with { DatabasePath = Next() },
                "--hosts" => options with { Hosts = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--days" => options with { Days = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
