using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// The SQL fragments that name every scalar metric's column, built from the catalogue
/// (<see cref="ScalarMetrics"/>) in its order, so no statement spells a metric out. The column
/// of a metric is its wire name, in <c>snapshots</c> and in <c>snapshot_minutes</c> alike.
/// </summary>
public static class ScalarColumns
{
    /// <summary><c>cpu_pct, ram_pct, …</c></summary>
    public static readonly string Names = Each("{0}");

    /// <summary><c>sum(cpu_pct), sum(ram_pct), …</c></summary>
    public static readonly string Sums = Each("sum({0})");

    /// <summary><c>round(avg(cpu_pct), 3), …</c>: averages of raw rows.</summary>
    public static readonly string Averages = Each("round(avg({0}), 3)");

    /// <summary><c>round(sum(cpu_pct) / sum(samples), 3), …</c>: averages of rollup sums and raw rows together.</summary>
    public static readonly string AveragesOfSums = Each("round(sum({0}) / sum(samples), 3)");

    /// <summary><c>cpu_pct = cpu_pct + excluded.cpu_pct, …</c>: an upsert that adds sums.</summary>
    public static readonly string AddExcluded = Each("{0} = {0} + excluded.{0}");

    /// <summary>Numbered parameters for the values, from <c>?first</c> on: <c>?3, ?4, …</c>.</summary>
    public static string Parameters(int first) =>
        string.Join(", ", ScalarMetrics.All.Select(metric => $"?{first + metric.Index}"));

    private static string Each(string format) =>
        string.Join(", ", ScalarMetrics.All.Select(metric => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, metric.Name)));
}
