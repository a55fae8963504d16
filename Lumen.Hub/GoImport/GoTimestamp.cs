using System.Text;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Reads the three ways the Go hub stores a DATETIME (go-lumen-compat §1.3) into unix
/// milliseconds: A <c>2026-05-29 08:30:00</c> (SQLite's CURRENT_TIMESTAMP, UTC), B
/// <c>2026-05-26T06:18:00.123456789Z</c> (RFC 3339, also with a <c>±hh:mm</c> offset) and C
/// <c>2026-05-29 08:30:00.123456789 +0000 UTC m=+0.01</c> (Go's <c>time.Time.String()</c>,
/// the monotonic reading ignored). Written against bytes, not strings: a history import parses
/// one per snapshot row, a million of them, and must not allocate for each.
/// </summary>
public static class GoTimestamp
{
    private const int DateTimeLength = 19; // 2006-01-02 15:04:05

    public static bool TryParse(string? text, out long unixMs)
    {
        unixMs = 0;
        return text is not null && TryParse(Encoding.UTF8.GetBytes(text.Trim()), out unixMs);
    }

    /// <summary>Whole instants to the millisecond; digits beyond it are dropped, as this hub stores times.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixMs)
    {
        unixMs = 0;
        if (text.Length < DateTimeLength) return false;
        if (!Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)' ')
            || !Digits(text, 11, 2, out var hour) || text[13] != ':' || !Digits(text, 14, 2, out var minute) || text[16] != ':'
            || !Digits(text, 17, 2, out var second))
            return false;
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            return false;

        var at = DateTimeLength;
        var fractionMs = 0;
        if (at < text.Length && text[at] == '.')
        {
            var digits = 0;
            for (at++; at < text.Length && IsDigit(text[at]); at++, digits++)
                if (digits < 3) fractionMs = fractionMs * 10 + (text[at] - '0');
            if (digits == 0) return false;
            for (var pad = Math.Min(digits, 3); pad < 3; pad++) fractionMs *= 10;
        }
        if (!Offset(text[at..], out var offsetMinutes)) return false;

        // A leap second (60) is read as the next second's start, as Go and SQLite both do.
        var ticks = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerMillisecond;
        unixMs = ticks - DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMillisecond + second * 1000L + fractionMs - offsetMinutes * 60_000L;
        return true;
    }

    /// <summary>What follows the time: nothing (form A), <c>Z</c>, <c>±hh:mm</c>, or <c> ±hhmm ZONE[ m=…]</c> (form C).</summary>
    private static bool Offset(ReadOnlySpan<byte> rest, out int minutes)
    {
        minutes = 0;
        if (rest.IsEmpty) return true;
        if (rest is [(byte)'Z'] or [(byte)'z']) return true;
        if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':')
            return Minutes(rest[0], rest.Slice(1, 2), rest.Slice(4, 2), out minutes);
        if (rest.Length >= 6 && rest[0] == ' ' && rest[1] is (byte)'+' or (byte)'-' && (rest.Length == 6 || rest[6] == ' '))
            return Minutes(rest[1], rest.Slice(2, 2), rest.Slice(4, 2), out minutes);
        return false;
    }

    private static bool Minutes(byte sign, ReadOnlySpan<byte> hours, ReadOnlySpan<byte> mins, out int minutes)
    {
        minutes = 0;
        if (!Digits(hours, 0, 2, out var h) || !Digits(mins, 0, 2, out var m) || h > 23 || m > 59) return false;
        minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
