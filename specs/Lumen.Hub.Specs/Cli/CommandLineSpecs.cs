using System.Diagnostics;
using Lumen.Hub.Cli;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Cli;

/// <summary>
/// The command line through the real binary: a word or option the hub does not know stops with
/// the usage on stderr and exit 2 and starts nothing; the options it reads still start it.
/// </summary>
public sealed class CommandLineSpecs : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDatabase _folder = new();
    private string DatabasePath => Path.Combine(_folder.Folder, "never.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs the built hub to its end; stdout and stderr kept apart.</summary>
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder.Folder };
        start.ArgumentList.Add(BuiltBinaries.Hub);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LUMEN_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(inherited);
        start.Environment["LUMEN_HUB_DB_PATH"] = DatabasePath;
        start.Environment["LUMEN_HUB_ADDR"] = $"127.0.0.1:{FreePort.BelowEphemeralRange()}";
        using var process = Process.Start(start)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var cancel = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lumen-hub {string.Join(' ', args)} still ran after {ExitTimeout} (a hub started?)");
        }
        return (process.ExitCode, await output, await error);
    }

    [Theory]
    // Words no helper branch makes a command (import-go and restore are theirs to dispatch).
    [InlineData("unknown command 'serve'", "serve")]
    [InlineData("unknown command 'import-from-go'", "import-from-go", "/var/lib/lumen-go/lumen.db")]
    [InlineData("unknown command 'start'", "start", "--LUMEN_HUB_ADDR=:9000")]
    [InlineData("unknown command '-p'", "-p", "9000")]
    [InlineData("unknown option '--urls=http://0.0.0.0:9000'; the listen address is LUMEN_HUB_ADDR", "--urls=http://0.0.0.0:9000")]
    [InlineData("unknown option '--db'; the database is LUMEN_HUB_DB_PATH", "--db", "/srv/lumen.db")]
    [InlineData("unknown option '--LUMEN_HUB_ADR=:9000'", "--LUMEN_HUB_ADR=:9000")]
    [InlineData("option '--LUMEN_HUB_ADDR' needs a value", "--LUMEN_HUB_ADDR")]
    [InlineData("'version now': version does not take these arguments", "version", "now")]
    [InlineData("'healthcheck --verbose': healthcheck does not take these arguments", "healthcheck", "--verbose")]
    public async Task Hub_should_stop_with_the_usage_and_exit_2_for_what_it_does_not_know(string problem, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.UsageExitCode, exit);
        Assert.Empty(output);
        Assert.StartsWith($"lumen-hub: {problem}", error);
        Assert.Contains("Usage:", error);
        Assert.False(File.Exists(DatabasePath), "the refused command line created the hub's database");
    }

    [Fact]
    public async Task Hub_should_start_with_its_settings_given_as_options_and_warn_of_Go_only_variables()
    {
        var port = FreePort.BelowEphemeralRange();
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_ALERT_INTERVAL"] = "15s" };
        using var hub = ChildProcess.Start("hub", BuiltBinaries.Hub,
            [$"--LUMEN_HUB_ADDR=127.0.0.1:{port}", "--LUMEN_HUB_DB_PATH", DatabasePath, "--environment=Production", "--Logging:LogLevel:Default=Information"],
            environment, _folder.Folder);

        using var client = new HttpClient { BaseAddress = HubProcess.Address(port), Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            if (hub.HasExited) throw new InvalidOperationException($"the hub exited with {hub.ExitCode}:\n{hub.Output}");
            try
            {
                return (await client.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "the hub to answer on the port its option named", TimeSpan.FromSeconds(30), () => hub.Tail(), Eventually.ProcessPollEvery);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(1, hub.CountLines("Not read by this hub: LUMEN_HUB_ALERT_INTERVAL (this hub judges every frame as it arrives"));
    }

    [Theory]
    [InlineData]
    [InlineData("--LUMEN_HUB_SECRET=0123456789abcdef0123456789abcdef")]
    [InlineData("--lumen_hub_db_path", "x.db")]
    [InlineData("--LUMEN_HUB_DEV=true")]
    [InlineData("--contentRoot=/srv", "--applicationName=Lumen.Hub", "--environment=Development")]
    public void Options_the_hub_reads_should_pass(params string[] args) => Assert.Null(CommandLine.Refusal(args));

    [Fact]
    public void Help_should_show_every_command_the_hub_dispatches()
    {
        Assert.All(CommandLine.Commands, command => Assert.Contains($"lumen-hub {(command is "version" or "help" ? "--" + command : command)}", HelpText.Hub));
    }
}
