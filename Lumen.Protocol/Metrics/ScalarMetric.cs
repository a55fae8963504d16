namespace Lumen.Protocol.Metrics;

/// <summary>
/// One number every frame carries once per host, such as <c>cpu_pct</c>: stored in every
/// history row, averaged into every rollup, shown in every live snapshot. Its
/// <see cref="Name"/> is the JSON field and the SQL column alike.
/// </summary>
/// <param name="Index">Its place in <see cref="ScalarMetrics.All"/>: where its value sits in a frame's scalar array.</param>
/// <param name="Name">The wire and column name, snake_case.</param>
/// <param name="Unit">What the number counts, as people read it: <c>%</c>, <c>B/s</c>, <c>°C</c>, or empty for a load average.</param>
/// <param name="Label">A short name for a chart or a table column.</param>
/// <param name="Min">The smallest value an agent may send.</param>
/// <param name="Max">The largest value an agent may send; <see cref="double.PositiveInfinity"/> when only the sign is checked.</param>
/// <param name="Extended">
/// Beyond the Go hub's frame: a Go hub refuses a frame with a field it does not know, so an
/// agent sends this one only to a hub whose policy lists it (<see cref="Policy.AgentPolicy.Metrics"/>).
/// </param>
public sealed record ScalarMetric(int Index, string Name, string Unit, string Label, double Min, double Max, bool Extended)
{
    /// <summary>Null when <paramref name="value"/> is one an agent may send, else the message naming the field.</summary>
    public string? Check(double value)
    {
        if (double.IsFinite(value) && value >= Min && value <= Max) return null;
        return double.IsPositiveInfinity(Max)
            ? $"{Name} must be a number ≥ {Min} (got {value})"
            : $"{Name} must be between {Min} and {Max} (got {value})";
    }

    public override string ToString() => Name;
}
