using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Support;

/// <summary>
/// The figures of one scenario: printed to the spec's output as they come, and appended to
/// the results file (<c>LUMEN_FAULTS_RESULTS</c>, default
/// <c>$TMPDIR/lumen-faults/results-MODE.md</c>) when the scenario ends, pass or fail.
/// </summary>
public sealed class ScenarioReport(ITestOutputHelper output, string scenario) : IDisposable
{
    private readonly List<string> _lines = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public static string ResultsFile =>
        Environment.GetEnvironmentVariable("LUMEN_FAULTS_RESULTS") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "lumen-faults", $"results-{FaultsMode.Current.Name}.md");

    /// <summary>Where the processes' full logs go, beside the results file.</summary>
    public static string LogFolder => Path.Combine(Path.GetDirectoryName(ResultsFile)!, "logs");

    public void Line(FormattableString text)
    {
        var line = text.ToString(CultureInfo.InvariantCulture);
        lock (_lines) _lines.Add(line);
        try { output.WriteLine(line); } catch (InvalidOperationException) { } // written after the test ended
    }

    public void Dispose()
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {scenario} ({FaultsMode.Current.Name} mode, {_started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - _started).TotalSeconds:F0} s)")
            .AppendLine();
        lock (_lines)
        {
            foreach (var line in _lines) text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }
        text.AppendLine();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ResultsFile)!);
            File.AppendAllText(ResultsFile, text.ToString());
            output.WriteLine($"figures appended to {ResultsFile}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            try { output.WriteLine($"could not write {ResultsFile}: {e.Message}"); } catch (InvalidOperationException) { }
        }
    }
}
