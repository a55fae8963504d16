using System.Globalization;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Storage;

/// <summary>
/// The SQL fragments that name every scalar metric's column, built from the catalogue
/// (<see cref="ScalarMetrics"/>) in its order, so no statement spells a metric out. In
/// <c>snapshots</c> a metric's column is its wire name; in the tiers (<c>snapshot_minutes</c>,
/// <c>snapshot_buckets</c>) the column of that name holds the sum of the samples, and
/// <c>&lt;metric&gt;_min</c> and <c>&lt;metric&gt;_max</c> the lowest and highest one.
/// </summary>
public static class ScalarColumns
{
    /// <summary><c>cpu_pct, ram_pct, …</c></summary>
    public static readonly string Names = Each("{0}");

    /// <summary><c>round(avg(cpu_pct), 3), …</c>: averages of raw rows.</summary>
    public static readonly string Averages = Each("round(avg({0}), 3)");

    /// <summary><c>cpu_pct, cpu_pct_min, cpu_pct_max, …</c>: a tier's columns.</summary>
    public static readonly string TierNames = Each("{0}, {0}_min, {0}_max");

    /// <summary>The tier columns' definitions, for a migration.</summary>
    public static readonly string TierDefinitions = Each("{0} REAL NOT NULL, {0}_min REAL NOT NULL, {0}_max REAL NOT NULL");

    /// <summary><c>cpu_pct, cpu_pct, cpu_pct, …</c>: one raw row as a tier row of one sample.</summary>
    public static readonly string RawAsTier = Each("{0}, {0}, {0}");

    /// <summary><c>sum(cpu_pct), min(cpu_pct), max(cpu_pct), …</c>: raw rows summed into a tier row.</summary>
    public static readonly string TierOfRaw = Each("sum({0}), min({0}), max({0})");

    /// <summary><c>sum(cpu_pct), min(cpu_pct_min), max(cpu_pct_max), …</c>: tier rows summed into a coarser one.</summary>
    public static readonly string TierOfTiers = Each("sum({0}), min({0}_min), max({0}_max)");

    /// <summary><c>round(avg(cpu_pct), 3), min(cpu_pct), max(cpu_pct), …</c>: a point's values from raw rows.</summary>
    public static readonly string PointOfRaw = Each("round(avg({0}), 3), min({0}), max({0})");

    /// <summary><c>round(sum(cpu_pct) / sum(samples), 3), min(cpu_pct_min), max(cpu_pct_max), …</c>: a point's values from tier rows.</summary>
    public static readonly string PointOfTiers = Each("round(sum({0}) / sum(samples), 3), min({0}_min), max({0}_max)");

    /// <summary>An upsert that adds sums and keeps the lowest and highest sample.</summary>
    public static readonly string MergeExcluded =
        Each("{0} = {0} + excluded.{0}, {0}_min = min({0}_min, excluded.{0}_min), {0}_max = max({0}_max, excluded.{0}_max)");

    /// <summary>Numbered parameters for the values, from <c>?first</c> on: <c>?3, ?4, …</c>.</summary>
    public static string Parameters(int first) =>
        string.Join(", ", ScalarMetrics.All.Select(metric => $"?{first + metric.Index}"));

    /// <summary>Numbered parameters for a tier row's values (sum, lowest, highest per metric), from <c>?first</c> on.</summary>
    public static string TierParameters(int first) =>
        string.Join(", ", Enumerable.Range(0, 3 * ScalarMetrics.Count).Select(i => $"?{first + i}"));

    private static string Each(string format) =>
        string.Join(", ", ScalarMetrics.All.Select(metric => string.Format(CultureInfo.InvariantCulture, format, metric.Name)));
}
