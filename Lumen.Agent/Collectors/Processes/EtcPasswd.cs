using System.Globalization;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>Parser for /etc/passwd: <c>name:password:uid:gid:…</c>, one user a line; comments and broken lines skipped.</summary>
public static class EtcPasswd
{
    public static Dictionary<int, string> Parse(string text)
    {
        var users = new Dictionary<int, string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(':');
            if (fields.Length < 3 || fields[0].Length == 0) continue;
            // The first line for a uid wins, as getpwuid(3) answers.
            if (int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)) users.TryAdd(uid, fields[0]);
        }
        return users;
    }
}

/// <summary>
/// User names by uid from the host's /etc/passwd, read once and again only when a uid is not
/// in it and the file changed since (a user added while the agent runs). A uid with no name is
/// shown as its number, as ps does.
/// </summary>
public sealed class UserNames(string hostRoot)
{
    private readonly string _path = KernelFile.Under(hostRoot, "etc/passwd");
    private Dictionary<int, string>? _users;
    private DateTime _readAt;
    private readonly Dictionary<int, string> _numbers = [];

    public string Of(int uid)
    {
        if (_users is null) Load();
        if (_users!.TryGetValue(uid, out var name)) return name;
        if (File.GetLastWriteTimeUtc(_path) != _readAt)
        {
            Load();
            if (_users.TryGetValue(uid, out name)) return name;
        }
        if (!_numbers.TryGetValue(uid, out var number)) _numbers[uid] = number = uid.ToString(CultureInfo.InvariantCulture);
        return number;
    }

    private void Load()
    {
        _readAt = File.GetLastWriteTimeUtc(_path);
        _users = KernelFile.ReadOrNull(_path) is { } text ? EtcPasswd.Parse(text) : [];
    }
}
