using Lumen.Hub;
using Lumen.Hub.Cli;
using Lumen.Hub.Configuration;
using Lumen.Hub.Install;

if (args is ["--help" or "-h" or "help", ..])
{
    Console.Out.Write(HelpText.Hub);
    return 0;
}
if (args is ["--version" or "version"])
{
    Console.Out.WriteLine($"lumen-hub {Lumen.Hub.Install.HubVersion.Current}");
    return 0;
}
if (args is ["healthcheck"])
    return await HealthCheckCommand.RunAsync(Environment.GetEnvironmentVariable, Console.Error);
if (args is ["hosts", .. var hostArgs])
    return HostsCommand.Run(hostArgs, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
if (args is ["users", .. var userArgs])
    return UsersCommand.Run(userArgs, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
if (args is ["import-go", .. var importArgs])
    return ImportGoCommand.Run(importArgs, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
if (RestoreCommand.IsRestore(args))
    return RestoreCommand.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);

if (CommandLine.Refusal(args) is { } refusal)
{
    Console.Error.WriteLine($"lumen-hub: {refusal}\n");
    Console.Error.Write(HelpText.Hub);
    return CommandLine.UsageExitCode;
}

// A restore from the dashboard stops the app; the files are swapped and a new app starts here.
while (true)
{
    WebApplication app;
    try
    {
        app = HubApp.Build(args);
    }
    catch (HubConfigurationException e)
    {
        Console.Error.WriteLine($"lumen-hub: {e.Message}");
        return 2;
    }
    catch (Lumen.Hub.Notifications.WebPush.VapidKeyFileException e)
    {
        Console.Error.WriteLine($"lumen-hub: {e.Message}");
        return 2;
    }

    var options = app.Services.GetRequiredService<HubOptions>();
    var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lumen.Hub");
    if (options.DatabasePathIsFallback)
        log.LogWarning("{Default} is not writable, so data goes to {Path} (set LUMEN_HUB_DB_PATH to choose)", HubOptionsLoader.DefaultDatabasePath, options.DatabasePath);
    if (options.StartupWarning is { } warning) log.LogWarning("{Warning}", warning);
    log.LogInformation("Lumen hub listening on {Url}, data in {Path}; Ctrl-C stops it after writing what it holds", options.ListenUrl, Path.GetFullPath(options.DatabasePath));
    var pendingRestore = app.Services.GetRequiredService<Lumen.Hub.Backups.Restore.PendingRestore>();
    await app.RunAsync();
    if (pendingRestore.ApplyAfterStop(options.DatabasePath) is not { } restored)
        return 0;
    Console.Out.WriteLine($"lumen-hub: restored a backup into {restored.RestoredTo}; the database it replaced is kept as {restored.Predecessor ?? "(none)"}; starting again");
}

/// <summary>The entry point, public so specs can host the hub in-process.</summary>
public partial class Program;
