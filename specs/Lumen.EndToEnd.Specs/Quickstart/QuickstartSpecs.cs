using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lumen.Hub.LocalAgent;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Quickstart;

/// <summary>
/// The README's run command, <c>dotnet run --project Lumen.Hub</c>, as a newcomer runs it: the
/// hub comes up, prints an admin password once, and this machine reports through the built-in
/// agent within seconds, its first post taken (no 401 while the hub's token map catches up).
/// </summary>
public sealed partial class QuickstartSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The agent's first tick comes 5 s after it starts; the rest is room for a busy machine.</summary>
    private static readonly TimeSpan ReportsWithin = TimeSpan.FromSeconds(10);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lumen-quickstart", Guid.NewGuid().ToString("N"));
    private ChildProcess? _hub;

    [GeneratedRegex(@"shown only this once.*?\n.*?\n.*?\]\s+(\S{20})\s*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();

    [Fact]
    public async Task Readme_run_command_should_bring_up_a_hub_that_shows_this_machine_to_the_printed_admin()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort.BelowEphemeralRange();
        _hub = ChildProcess.Start("quickstart", "run", ["--project", Path.Combine(RepositoryFiles.Root, "Lumen.Hub")],
            new Dictionary<string, string>
            {
                // Only what a spec must change: its own port and a data folder it can delete.
                ["LUMEN_HUB_ADDR"] = $"127.0.0.1:{port}",
                ["LUMEN_HUB_DB_PATH"] = Path.Combine(_folder, "data", "lumen.db"),
            }, _folder);

        await _hub.WaitForOutputAsync("Now listening on", StartTimeout);
        var listening = System.Diagnostics.Stopwatch.StartNew();
        var password = PrintedPassword().Match(_hub.Output).Groups[1].Value;
        Assert.True(password.Length == 20, $"no password printed:\n{_hub.Output}");

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.True((await browser.GetAsync("/healthz")).IsSuccessStatusCode);
        var login = await browser.PostAsJsonAsync("/api/login", new { username = "admin", password });
        Assert.True(login.IsSuccessStatusCode, $"login answered {(int)login.StatusCode}");

        var thisMachine = LocalAgentIdentity.SafeName(Environment.MachineName);
        JsonElement? reported = null;
        await Eventually.TrueAsync(async () =>
        {
            var hosts = (await browser.GetFromJsonAsync<JsonElement[]>("/api/hosts"))!;
            reported = hosts.FirstOrDefault(h => h.GetProperty("name").GetString() == thisMachine && h.GetProperty("online").GetBoolean());
            return reported?.ValueKind == JsonValueKind.Object;
        }, $"host '{thisMachine}' to report online", TimeSpan.FromSeconds(60), () => _hub.Output, Eventually.ProcessPollEvery);
        Assert.True(listening.Elapsed <= ReportsWithin, $"this machine showed {listening.Elapsed.TotalSeconds:F1} s after the hub listened");
        Assert.Equal(Environment.MachineName, reported!.Value.GetProperty("system").GetProperty("hostname").GetString());
        Assert.DoesNotContain("401", _hub.Output);

        Assert.Equal(0, await _hub.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.True(File.Exists(Path.Combine(_folder, "data", "lumen.db")));
    }

    public void Dispose()
    {
        if (_hub is not null)
        {
            output.WriteLine(_hub.Output);
            _hub.Dispose();
        }
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
