using System.Text;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>Parser for /proc/[pid]/cmdline: arguments separated (and ended) by NUL, shown as one line.</summary>
public static class PidCmdline
{
    /// <returns>the arguments joined by spaces; "" for a kernel thread, which has none.</returns>
    public static string Parse(ReadOnlySpan<byte> bytes)
    {
        bytes = bytes.TrimEnd((byte)0);
        if (bytes.IsEmpty) return "";
        var text = Encoding.UTF8.GetString(bytes);
        return text.Replace('\0', ' ');
    }
}
