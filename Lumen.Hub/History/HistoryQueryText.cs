using System.Globalization;
using Lumen.Protocol;

namespace Lumen.Hub.History;

/// <summary>Reads the query-string values of a history request: times and steps.</summary>
public static class HistoryQueryText
{
    /// <summary>Unix seconds up to the year 9999, the most <see cref="DateTimeOffset"/> holds.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>
    /// RFC 3339 (any offset, returned in UTC) or whole unix seconds. A '+' of an offset that was
    /// not percent-encoded reaches the hub as a space (form encoding), so a space where the
    /// offset's sign belongs is read as '+'.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset utc)
    {
        utc = default;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (text.Length > 12 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
                return false;
            utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        if (text.Length >= 25 && text[^6] == ' ' && text[^3] == ':')
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        return Rfc3339TimestampConverter.TryParse(text, out utc);
    }

    /// <summary>A Go duration (<c>30s</c>, <c>5m</c>, <c>1h30m</c>) or whole seconds (<c>300</c>).</summary>
    public static bool TryParseStep(string text, out TimeSpan step)
    {
        step = TimeSpan.Zero;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
            step = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return GoDuration.TryParse(text, out step);
    }
}
