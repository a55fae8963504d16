using System.Globalization;
using Lumen.Hub.Configuration;
using Lumen.Hub.GoImport;

namespace Lumen.Hub.Cli;

/// <summary>
/// <c>lumen-hub import-go PATH [--history-days N] [--merge]</c>: a Go Lumen hub's database into
/// this hub's (LUMEN_HUB_DB_PATH), safe while this hub runs. Exit 0 imported (or nothing new),
/// 1 the import could not be done (nothing changed), 2 a usage error.
/// </summary>
public static class ImportGoCommand
{
    public const string Usage = "usage: lumen-hub import-go PATH [--history-days N] [--merge]";

    private const string Help = """
        lumen-hub import-go PATH [--history-days N] [--merge]

        Imports a Go Lumen hub's database (its lumen.db, up to v0.7.7) into this hub's
        (LUMEN_HUB_DB_PATH): hosts with their agent tokens (agents keep working unchanged),
        tags, users with their passwords, settings, alert rules, notification channels and
        their links, maintenance windows and the snapshot history. The Go file is only read,
        and may be in use by a running Go hub. Running it again adds nothing.

          --history-days N   import only the last N days of snapshots
          --merge            import although this hub already has hosts of its own; a Go host
                             whose name is taken here is left out (with its history) and reported

        """;

    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        if (args is ["--help" or "-h"])
        {
            output.Write(Help);
            return 0;
        }
        if (Parse(args) is not { } parsed)
        {
            error.WriteLine(Usage);
            return 2;
        }

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

        try
        {
            var report = GoDatabaseImporter.Import(parsed.Path, options.DatabasePath, parsed.Options);
            output.Write(report.Format());
            return 0;
        }
        catch (GoImportException e)
        {
            error.WriteLine($"lumen-hub import-go: {e.Message}; nothing was changed");
            return 1;
        }
    }

    private static (string Path, GoImportOptions Options)? Parse(string[] args)
    {
        string? path = null;
        int? days = null;
        var merge = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--merge":
                    merge = true;
                    break;
                case "--history-days" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    days = n;
                    i++;
                    break;
                case var arg when !arg.StartsWith('-') && path is null:
                    path = arg;
                    break;
                default:
                    return null;
            }
        }
        return path is null ? null : (path, new GoImportOptions(days, merge));
    }
}
