using System.Text;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>Parser for the two lines of /proc/[pid]/status the process list shows: <c>Name:</c> and the real uid of <c>Uid:</c>.</summary>
public static class PidStatus
{
    /// <returns>the command name ("" when missing) and the real uid (null when missing).</returns>
    public static (string Name, int? Uid) Parse(ReadOnlySpan<byte> text)
    {
        var name = "";
        int? uid = null;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (line.StartsWith("Name:"u8)) name = Encoding.UTF8.GetString(line[5..].Trim((byte)'\t').Trim((byte)' '));
            else if (line.StartsWith("Uid:"u8))
            {
                // Uid: real effective saved filesystem; top's USER column is the effective one,
                // ps's RUSER the real one: the real uid says who started it.
                var fields = line[4..].TrimStart("\t "u8);
                var end = fields.IndexOfAny("\t "u8);
                if (int.TryParse(end < 0 ? fields : fields[..end], out var real)) uid = real;
                break;
            }
        }
        return (name, uid);
    }
}
