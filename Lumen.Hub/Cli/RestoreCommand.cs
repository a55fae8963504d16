using Lumen.Hub.Backups.Restore;
using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Configuration;
using Lumen.Hub.GoImport;

namespace Lumen.Hub.Cli;

/// <summary>
/// <c>lumen-hub restore FILE [--force]</c> (and the Go hub's <c>--restore=FILE</c>): puts a
/// backup in place of the database the environment names, after checking all of it. Exit codes:
/// 0 restored, 1 refused or failed (nothing changed), 2 a usage or configuration error.
/// </summary>
public static class RestoreCommand
{
    public const string Usage = "usage: lumen-hub restore FILE [--force]   (or lumen-hub --restore=FILE [--force])";

    /// <summary>The arguments this command takes, or null when they are not a restore.</summary>
    public static (string File, bool Force)? Parse(string[] args)
    {
        var force = args.Contains("--force");
        var rest = args.Where(a => a != "--force").ToArray();
        return rest switch
        {
            ["restore", var file] when !file.StartsWith('-') => (file, force),
            [var flag] when flag.StartsWith("--restore=", StringComparison.Ordinal) && flag.Length > 10 => (flag[10..], force),
            _ => null,
        };
    }

    public static bool IsRestore(string[] args) => args is ["restore", ..] || args.Any(a => a.StartsWith("--restore", StringComparison.Ordinal));

    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error, Func<string?>? prompt = null)
    {
        if (Parse(args) is not var (file, force))
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
        var passphrase = environment(BackupPassphrase.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : (prompt ?? PromptFromTerminal)();
        if (string.IsNullOrEmpty(passphrase))
        {
            error.WriteLine($"lumen-hub: no passphrase: set {BackupPassphrase.EnvironmentVariable}, or run this in a terminal to be asked for it");
            return 2;
        }
        if (!File.Exists(file))
        {
            error.WriteLine($"lumen-hub: {file}: no such file");
            return 1;
        }

        try
        {
            output.WriteLine($"Checking {file} (passphrase, every byte, SQLite integrity)…");
            StagedRestore staged;
            using (var archive = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                staged = StagedRestore.Stage(archive, passphrase, options.DatabasePath);
            if (staged.Schema == BackupSchema.Go) staged = GoBackupRestore.ToLumenSchema(staged, options.DatabasePath, GoDatabaseImporter.ImportForRestore);
            using (staged)
            {
                if (!force && DatabaseSwap.InUseProblem(options.DatabasePath) is { } inUse) throw new RestoreException(inUse);
                var outcome = DatabaseSwap.Swap(staged, options.DatabasePath, DateTimeOffset.UtcNow);
                output.WriteLine($"restored from {Path.GetFullPath(file)} into {outcome.RestoredTo}");
                output.WriteLine(outcome.Predecessor is { } kept ? $"the database it replaced is kept as {kept}" : "there was no database before");
                output.WriteLine("start the hub to use it");
            }
            return 0;
        }
        catch (RestoreException e)
        {
            error.WriteLine($"lumen-hub: restore refused, nothing was changed: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"lumen-hub: restore failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Reads the passphrase with echo off; null when standard input is not a terminal.</summary>
    private static string? PromptFromTerminal()
    {
        if (Console.IsInputRedirected) return null;
        Console.Error.Write("Backup passphrase: ");
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
