using Lumen.Hub.Configuration;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;

namespace Lumen.Hub.Cli;

/// <summary>
/// <c>lumen-hub hosts add|list|rotate|remove</c>: host administration on the hub's database
/// file, safe while the hub runs (it notices within a second).
/// </summary>
public static class HostsCommand
{
    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        HubOptions options;
        try
        {
            options = HubOptionsLoader.Load(environment);
        }
        catch (HubConfigurationException e)
        {
            error.WriteLine($"lumen-hub: {e.Message}");
            return 2;
        }

        var database = new LumenDatabase(options.DatabasePath);
        database.Initialise();
        var store = new HostStore(database, TimeProvider.System);
        try
        {
            switch (args)
            {
                case ["add", var name]:
                    var added = store.Add(name);
                    output.WriteLine($"Added host '{added.Host.Name}'. Its agent token, shown only this once:");
                    output.WriteLine();
                    output.WriteLine($"  {added.Token}");
                    return 0;
                case ["list"]:
                    WriteList(store.List(), output);
                    return 0;
                case ["rotate", var name]:
                    var rotated = store.Rotate(name);
                    output.WriteLine($"New token for '{rotated.Host.Name}' (the old one no longer works), shown only this once:");
                    output.WriteLine();
                    output.WriteLine($"  {rotated.Token}");
                    return 0;
                case ["remove", var name]:
                    var removed = store.Remove(name);
                    output.WriteLine($"Removed host '{removed.Name}', its token and its history.");
                    return 0;
                default:
                    error.WriteLine("usage: lumen-hub hosts add NAME | list | rotate NAME | remove NAME");
                    return 2;
            }
        }
        catch (HostAdminException e)
        {
            error.WriteLine($"lumen-hub: {e.Message}");
            return 1;
        }
    }

    private static void WriteList(IReadOnlyList<HostRecord> hosts, TextWriter output)
    {
        if (hosts.Count == 0)
        {
            output.WriteLine("No hosts yet. Add one with: lumen-hub hosts add NAME");
            return;
        }
        output.WriteLine($"{"ID",-6} {"NAME",-32} {"CREATED",-20} LAST SEEN");
        foreach (var host in hosts)
            output.WriteLine($"{host.Id,-6} {host.Name,-32} {host.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {(host.LastSeenAt is { } seen ? seen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") : "never")}");
    }
}
