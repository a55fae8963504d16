using System.Globalization;
using Lumen.Bench;
using Lumen.Bench.Alerts;
using Lumen.Bench.History;
using Lumen.Bench.Parse;
using Lumen.Bench.Stream;

// The bare endpoint runs in a child process of the bench, like the hub, so both are
// measured from /proc the same way.
if (args is ["bare-server", "--port", var port])
    return await BareServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
if (args is ["parse"])
    return ParseBench.Run();
if (args is ["processes", ..])
    return Lumen.Bench.ProcessList.ProcessListBench.Run(args[1..]);
if (args is ["backup", .. var backupArgs])
    return await Lumen.Bench.Backups.BackupBench.RunAsync(backupArgs);
if (args is ["argon2"])
    return await Lumen.Bench.Accounts.PasswordHashBench.RunAsync();
if (args is ["import-go", ..])
    return Lumen.Bench.GoImport.ImportGoBench.Run(args[1..]);
if (args is ["history-db", ..])
    return HistoryCommand.CreateDatabase(args[1..]);
if (args is ["history-flush", ..])
    return HistoryCommand.Flush(args[1..]);
if (args is ["history", ..])
    return await HistoryCommand.RunAsync(args[1..]);
if (args is ["stream", "--help" or "-h" or "help", ..])
{
    Console.Out.Write(StreamBenchOptions.Usage);
    return 0;
}
if (args is ["stream", .. var streamArgs])
{
    try
    {
        return await StreamBench.RunAsync(StreamBenchOptions.Parse(streamArgs));
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"lumen-bench stream: {e.Message}\n{StreamBenchOptions.Usage}");
        return 2;
    }
}
if (args is ["alerts-eval"])
    return await AlertsBench.RunInProcessOnlyAsync();
if (args is ["alerts", "--help" or "-h" or "help", ..])
{
    Console.Out.Write(AlertsBenchOptions.Usage);
    return 0;
}
if (args is ["alerts", .. var alertsArgs])
{
    try
    {
        return await AlertsBench.RunAsync(AlertsBenchOptions.Parse(alertsArgs));
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"lumen-bench alerts: {e.Message}\n{AlertsBenchOptions.Usage}");
        return 2;
    }
}
if (args is ["--help" or "-h" or "help", ..])
{
    Console.Out.Write(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"lumen-bench: {e.Message}\n{BenchOptions.Usage}");
    return 2;
}
return await BenchRun.RunAsync(options);
