using Lumen.Agent.Collectors;

namespace Lumen.Agent.Collecting;

/// <summary>
/// Which sources are failing, so a broken source is logged when it breaks and when it
/// recovers, not on every tick: a Pi with a missing sensor must not fill its SD card.
/// </summary>
public sealed class SourceHealth
{
    private readonly Dictionary<string, string> _failing = [];

    /// <returns>the lines worth logging for this tick: (is it a failure, text).</returns>
    public IReadOnlyList<(bool Failure, string Line)> Report(IReadOnlyList<SourceFailure> failures)
    {
        var lines = new List<(bool, string)>();
        var now = failures.ToDictionary(f => f.Source, f => f.Error.Message);
        foreach (var (source, message) in now)
            if (!_failing.TryGetValue(source, out var before) || before != message)
                lines.Add((true, $"{source} failed, its fields are 0 until it recovers: {message}"));
        foreach (var source in _failing.Keys.Where(s => !now.ContainsKey(s)).ToList())
            lines.Add((false, $"{source} works again"));
        _failing.Clear();
        foreach (var (source, message) in now) _failing[source] = message;
        return lines;
    }
}
