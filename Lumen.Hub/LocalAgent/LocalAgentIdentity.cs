using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;

namespace Lumen.Hub.LocalAgent;

/// <summary>
/// The host the hub's own machine reports as, and its token. The token is kept in the data
/// folder (mode 0600) because the database holds only its hash; a host of the same name that
/// the hub did not create for itself (a separately installed agent) is never taken over.
/// </summary>
public sealed class LocalAgentIdentity(HostStore hosts, string dataFolder)
{
    public const string TokenFileName = "local-agent-token";

    private string TokenPath => Path.Combine(dataFolder, TokenFileName);

    /// <summary>The token to report with, issuing a host for this machine when there is none yet.</summary>
    public (string HostName, string Token) Ensure(string machineName)
    {
        if (ReadStoredToken() is { } stored && Resolve(stored) is { } known) return (known.Name, stored);

        var issued = Issue(SafeName(machineName));
        WriteToken(issued.Token);
        return (issued.Host.Name, issued.Token);
    }

    private IssuedToken Issue(string name)
    {
        foreach (var candidate in new[] { name, $"{name}-hub" }.Concat(Enumerable.Range(2, 8).Select(i => $"{name}-hub{i}")))
        {
            if (hosts.Find(candidate) is not null) continue;
            try
            {
                return hosts.Add(candidate);
            }
            catch (HostAdminException)
            {
                // Taken between the check and the insert; try the next name.
            }
        }
        throw new InvalidOperationException($"could not find a free host name for this machine starting with '{name}'");
    }

    private HostIdentity? Resolve(string token)
    {
        var tokens = new HostTokens();
        tokens.Replace(hosts.LoadTokens());
        return tokens.TryResolve(token, out var identity) ? identity : null;
    }

    private string? ReadStoredToken() =>
        File.Exists(TokenPath) ? File.ReadAllText(TokenPath).Trim() : null;

    private void WriteToken(string token)
    {
        Directory.CreateDirectory(dataFolder);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(TokenPath, create);
        using var writer = new StreamWriter(file);
        writer.Write(token);
    }

    /// <summary>A machine name made into a valid host name: disallowed characters become '-'.</summary>
    public static string SafeName(string machineName)
    {
        var chars = machineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray();
        var name = new string(chars).Trim('-', '.', '_');
        if (name.Length > HostName.MaxLength - 6) name = name[..(HostName.MaxLength - 6)];
        return name.Length == 0 || HostName.Validate(name) is not null ? "this-machine" : name;
    }
}
