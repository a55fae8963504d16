using System.Diagnostics;
using System.Globalization;

namespace Lumen.Bench.Load;

/// <summary>What one wrk run reports (the line <c>agents.lua</c> prints from its done()).</summary>
public sealed record WrkResult(
    long Requests, TimeSpan Duration, long StatusErrors, long SocketErrors, long Timeouts,
    TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    /// <summary>Requests answered 2xx: wrk counts every status above 399 as an error.</summary>
    public long Succeeded => Requests - StatusErrors;
}

/// <summary>The shape of one load: how long, how many keep-alive connections and wrk threads.</summary>
public sealed record LoadShape(TimeSpan Duration, int Connections, int Threads);

/// <summary>
/// Runs wrk with <c>agents.lua</c>: the load generator is C with a LuaJIT script, because it
/// shares two cores with the server under test and must cost it as little as possible.
/// </summary>
public static class Wrk
{
    private const string ResultMarker = "lumen-wrk-result ";

    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "wrk")));

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Wrk", "agents.lua");

    public static async Task<WrkResult> RunAsync(
        Uri target, LoadShape shape, string framesFile, int hostCount, DateTimeOffset tsBase)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[
            "-t", Text(shape.Threads), "-c", Text(shape.Connections), "-d", $"{(int)shape.Duration.TotalSeconds}s",
            "--timeout", "10s", "--latency", "-s", ScriptPath, target.ToString(),
            "--", framesFile, Text(hostCount), Text(shape.Threads), Text(tsBase.ToUnixTimeSeconds())])
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // wrk stops by itself after -d; the margin covers start-up and its 10 s request timeout.
        using var cancel = new CancellationTokenSource(shape.Duration + TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("wrk did not stop by itself");
        }
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}):\n{text}\n{await errors}");
        return Parse(line[ResultMarker.Length..]);
    }

    private static WrkResult Parse(string line)
    {
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        static TimeSpan Micros(long us) => TimeSpan.FromMicroseconds(us);
        return new WrkResult(
            values["requests"], Micros(values["duration_us"]), values["status_errors"],
            values["connect_errors"] + values["read_errors"] + values["write_errors"], values["timeouts"],
            Micros(values["p50_us"]), Micros(values["p99_us"]), Micros(values["max_us"]));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
