using System.Globalization;
using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Alerts.Engine;

/// <summary>The sentences of alert events, short enough for a phone: <c>CPU 93.2 % &gt; 80 % for 1 min</c>.</summary>
public static class AlertText
{
    public static string Value(AlertMetric metric, double value) => metric.Unit switch
    {
        "%" => $"{Number(value)} %",
        "°C" => $"{Number(value)} °C",
        "B/s" => Rate(value),
        "h" => $"{Number(value)} h",
        "s" => Duration(TimeSpan.FromSeconds(value)),
        _ => Number(value),
    };

    public static string Label(AlertMetric metric) => metric.Scalar?.Label ?? metric.Name;

    public static string Breach(AlertRule rule, double value, TimeSpan lasted)
    {
        var sign = rule.Comparator == Comparator.Lt ? "<" : ">";
        var held = lasted >= TimeSpan.FromSeconds(1) ? $" for {Duration(lasted)}" : "";
        return $"{Label(rule.Metric)} {Value(rule.Metric, value)} {sign} {Value(rule.Metric, rule.Threshold)}{held}";
    }

    public static string Recovered(AlertRule rule, double value, TimeSpan lasted)
    {
        var side = rule.Comparator == Comparator.Lt ? "above" : "below";
        return $"{Label(rule.Metric)} back to {Value(rule.Metric, value)} ({side} {Value(rule.Metric, rule.Threshold)}) after {Duration(lasted)}";
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1)) return $"{Math.Max(0, (int)span.TotalSeconds)} s";
        if (span < TimeSpan.FromHours(1)) return $"{(int)span.TotalMinutes} min";
        if (span < TimeSpan.FromDays(1)) return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    private static string Number(double value) =>
        Math.Round(value, Math.Abs(value) >= 100 ? 0 : 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Rate(double bytesPerSecond)
    {
        // Binary units, as the dashboard shows rates: a threshold typed as 10 MiB/s reads back the same.
        string[] units = ["B/s", "KiB/s", "MiB/s", "GiB/s"];
        var unit = 0;
        while (bytesPerSecond >= 1024 && unit < units.Length - 1)
        {
            bytesPerSecond /= 1024;
            unit++;
        }
        return $"{Number(bytesPerSecond)} {units[unit]}";
    }
}
