using System.Globalization;
using System.Text;

namespace Lumen.Protocol;

/// <summary>
/// Duration strings as Go writes them (<c>"90s"</c>, <c>"1h30m"</c>, <c>"1.5h"</c>,
/// <c>"8760h"</c>), the format the Go hub's settings and policy used. Lumen also takes a
/// <c>d</c> (24 h) suffix for people; it always writes hours, as Go does.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("ns", TimeSpan.FromTicks(1) / 100), ("us", TimeSpan.FromMicroseconds(1)), ("µs", TimeSpan.FromMicroseconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)), ("d", TimeSpan.FromDays(1)),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s == "0") return true;

        var total = 0.0; // in ticks
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == numberStart) return false;
            if (!double.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            var unit = s.AsSpan(unitStart, i - unitStart);
            var size = TimeSpan.Zero;
            foreach (var (name, value) in Units)
                if (unit.SequenceEqual(name)) size = value;
            if (size == TimeSpan.Zero) return false;
            total += number * size.Ticks;
        }

        if (total > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(total));
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration such as 90s, 15m or 24h");

    /// <summary>The shortest Go-style spelling: 5s, 1m30s, 24h, 8760h, 1h0m30s is written 1h30s.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0";
        var sign = duration < TimeSpan.Zero ? "-" : "";
        duration = duration.Duration();
        var text = new StringBuilder(sign);
        var hours = (long)duration.TotalHours;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (duration.Minutes > 0) text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        var seconds = duration.Seconds + duration.Milliseconds / 1000.0 + duration.Microseconds / 1_000_000.0;
        if (seconds > 0) text.Append(seconds.ToString("0.######", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
