namespace Lumen.Agent.Collectors;

/// <summary>
/// Percentages as the wire contract takes them: within 0–100 (the hub refuses a frame with
/// 100.0000001) and rounded to hundredths, which is all a chart shows.
/// </summary>
public static class Percent
{
    public static double Of(double part, double whole) => whole > 0 ? Clamp(part / whole * 100) : 0;

    public static double Clamp(double percent) =>
        double.IsFinite(percent) ? Math.Round(Math.Clamp(percent, 0, 100), 2) : 0;
}
