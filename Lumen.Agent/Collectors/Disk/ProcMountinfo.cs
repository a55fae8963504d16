using System.Text;

namespace Lumen.Agent.Collectors.Disk;

/// <summary>
/// One line of <c>/proc/self/mountinfo</c>: which filesystem (<see cref="Device"/>, the
/// superblock's major:minor, the same for every mount of one filesystem: bind mounts, btrfs
/// subvolumes) is mounted where, from which directory of it (<see cref="Root"/>), of what type and from what source.
/// </summary>
public sealed record MountEntry(string Device, string Root, string MountPoint, string FsType, string Source);

/// <summary>
/// Parser for <c>/proc/[pid]/mountinfo</c>: "id parent major:minor root mount-point options
/// [optional fields…] - fs-type source super-options". The optional fields vary in number,
/// so the fields after them are found from the lone "-". Paths escape space, tab, newline and
/// backslash as octal (<c>\040</c>).
/// </summary>
public static class ProcMountinfo
{
    public static IReadOnlyList<MountEntry>? Read(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "self/mountinfo")) is { } text ? Parse(text) : null;

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var mounts = new List<MountEntry>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            var separator = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 6 || separator < 0 || separator + 2 >= fields.Length)
                throw new FormatException($"/proc/self/mountinfo line has no '- type source' part: {line.Trim()}");
            mounts.Add(new MountEntry(fields[2], Unescape(fields[3]), Unescape(fields[4]), fields[separator + 1], Unescape(fields[separator + 2])));
        }
        return mounts;
    }

    /// <summary>"/mnt/my\040disk" → "/mnt/my disk".</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
                i += 3;
            }
            else text.Append(field[i]);
        }
        return text.ToString();
    }

    private static bool IsOctal(string field, int at) =>
        at + 2 < field.Length && field[at] is >= '0' and <= '3' && field[at + 1] is >= '0' and <= '7' && field[at + 2] is >= '0' and <= '7';
}
