using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History.Export;

/// <summary>
/// The columns of an export, the same for CSV and Parquet: <c>ts</c>, <c>samples</c>, then for
/// each metric of the catalogue its average, lowest and highest sample (<c>cpu_pct</c>,
/// <c>cpu_pct_min</c>, <c>cpu_pct_max</c>, …). Every row has every column: a point of one
/// sample has its value as lowest and highest, unlike the JSON, which leaves them out.
/// </summary>
public static class ExportColumns
{
    /// <summary>The value columns after <c>ts</c> and <c>samples</c>: three per metric.</summary>
    public static int ValueCount => 3 * ScalarMetrics.Count;

    /// <summary>Every column name, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ts", "samples", .. ValueNames()];

    /// <summary>The name of value column <paramref name="column"/> (0 is the first metric's average).</summary>
    public static string ValueName(int column)
    {
        var name = ScalarMetrics.All[column / 3].Name;
        return (column % 3) switch { 0 => name, 1 => name + "_min", _ => name + "_max" };
    }

    /// <summary>Value column <paramref name="column"/> of <paramref name="point"/>.</summary>
    public static double Value(MetricsPoint point, int column)
    {
        var metric = ScalarMetrics.All[column / 3];
        return (column % 3) switch { 0 => point[metric], 1 => point.Min(metric), _ => point.Max(metric) };
    }

    private static IEnumerable<string> ValueNames() => Enumerable.Range(0, ValueCount).Select(ValueName);
}
