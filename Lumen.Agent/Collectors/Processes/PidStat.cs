namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// What the process source needs of one /proc/[pid]/stat line: CPU time spent (utime + stime,
/// in clock ticks), when the process started (ticks after boot: a pid reused by a new process
/// has another), and its resident set in pages (the same count statm's second field and
/// status's VmRSS give).
/// </summary>
public readonly record struct PidStat(ulong CpuTicks, ulong StartTicks, long RssPages);

/// <summary>Parser for /proc/[pid]/stat, straight from the bytes: it runs for every process on every tick.</summary>
public static class PidStatParser
{
    // Fields counted from the one after the command's closing parenthesis (proc(5): state is field 3).
    private const int UtimeIndex = 14 - 3;
    private const int StimeIndex = 15 - 3;
    private const int StartTimeIndex = 22 - 3;
    private const int RssIndex = 24 - 3;

    /// <returns>false when the text is not a stat line (cut short, or not one at all).</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out PidStat stat)
    {
        stat = default;
        // The command may hold spaces and parentheses: the fields start after the last ')'.
        var close = text.LastIndexOf((byte)')');
        if (close < 0) return false;
        var rest = text[(close + 1)..];
        ulong utime = 0, stime = 0, start = 0, rss = 0;
        var index = -1;
        var i = 0;
        while (i < rest.Length && index < RssIndex)
        {
            while (i < rest.Length && rest[i] == (byte)' ') i++;
            if (i >= rest.Length) break;
            index++;
            var number = 0UL;
            var negative = rest[i] == (byte)'-';
            if (negative) i++;
            for (; i < rest.Length && rest[i] is >= (byte)'0' and <= (byte)'9'; i++) number = number * 10 + (ulong)(rest[i] - '0');
            while (i < rest.Length && rest[i] is not (byte)' ' and not (byte)'\n') i++;
            if (negative) number = 0;
            switch (index)
            {
                case UtimeIndex: utime = number; break;
                case StimeIndex: stime = number; break;
                case StartTimeIndex: start = number; break;
                case RssIndex: rss = number; break;
            }
        }
        if (index < RssIndex) return false;
        stat = new PidStat(utime + stime, start, (long)rss);
        return true;
    }
}
