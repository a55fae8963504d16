using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Cli;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.GoImport;

/// <summary><c>lumen-hub import-go</c> as an admin runs it, then the real hub binary started on the imported file.</summary>
public sealed class ImportGoCommandSpecs : IDisposable
{
    private readonly TempDatabase _hub = new();
    private readonly GoHubDatabase _go;

    public ImportGoCommandSpecs() => _go = new GoHubDatabase(_hub.Folder);

    public void Dispose()
    {
        _go.Dispose();
        _hub.Dispose();
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _hub.FilePath };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImportGoCommand.Run(args, environment.GetValueOrDefault, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportGo_run_by_the_hub_binary_should_leave_a_hub_where_the_go_agents_token_posts_the_go_password_signs_in_and_history_answers()
    {
        var go = GoHubContents.Fill(_go);
        using (var import = ChildProcess.Start("import-go", BuiltBinaries.Hub, ["import-go", _go.Path],
            new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _hub.FilePath }, _hub.Folder))
        {
            Assert.Equal(0, await import.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            // Each output line carries the child process's prefix.
            await Eventually.TrueAsync(() => Task.FromResult(import.Output.Contains("]   users                               1             0         0", StringComparison.Ordinal)),
                "the import's table to show one user imported");
        }

        using var hub = await RealHub.StartAsync(_hub);
        await hub.PostFrameAsync(go.PiToken, "33", 0);
        using var alice = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = hub.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/api/login", new { username = "alice", password = GoHubContents.Password })).StatusCode);

        var pi = _hub.Scalar("SELECT id FROM hosts WHERE name = 'pi';");
        var from = Rfc3339TimestampConverter.Format(go.Now.AddMinutes(-20));
        var to = Rfc3339TimestampConverter.Format(go.Now.AddMinutes(-4));
        using var history = JsonDocument.Parse(await alice.GetStringAsync($"/api/hosts/{pi}/metrics?from={from}&to={to}&step=60"));
        Assert.Equal([13.0, 12.0, 11.0], history.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("cpu_pct").GetDouble()));

        Assert.Contains("\"key\":\"env\"", await alice.GetStringAsync("/api/tags"), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"CPU hot\"", await alice.GetStringAsync("/api/alerts/rules"), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"phone\"", await alice.GetStringAsync("/api/alerts/channels"), StringComparison.Ordinal);
        Assert.Contains("kernel update", await alice.GetStringAsync("/api/maintenance"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportGo_should_import_into_the_file_of_a_running_hub_whose_agents_then_post_with_their_go_tokens()
    {
        var go = GoHubContents.Fill(_go);
        await using var hub = new HubFactory();
        _ = hub.Services;
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = hub.Database.FilePath };

        var exit = ImportGoCommand.Run([_go.Path], environment.GetValueOrDefault, TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(5, hub.Database.Scalar("SELECT count(*) FROM snapshots;"));
        var agent = hub.AgentClient(go.NasToken);
        await Eventually.TrueAsync(async () => (await agent.PostAsync("/api/ingest", Frames.Content())).StatusCode == HttpStatusCode.NoContent,
            "the running hub to accept the Go agent's token");
    }

    [Fact]
    public void ImportGo_should_print_the_counts_per_table_and_the_time_taken()
    {
        GoHubContents.Fill(_go);

        var (exit, output, error) = Run(_go.Path);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Matches(@"into .*lumen\.db in \d+\.\d s\.", output);
        Assert.Matches(@"\n  hosts +2 +0 +0\n", output);
        Assert.Matches(@"\n  snapshots +5 +0 +1\n", output);
        Assert.Contains("alerts.eval_interval: this hub evaluates rules on every frame", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportGo_should_exit_1_say_nothing_was_changed_and_change_nothing_for_a_file_that_is_not_sqlite()
    {
        var path = Path.Combine(_hub.Folder, "notes.txt");
        File.WriteAllText(path, new string('x', 4096));
        var before = File.ReadAllBytes(_hub.FilePath);

        var (exit, output, error) = Run(path);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal($"lumen-hub import-go: {path} is not an SQLite database; nothing was changed\n", error);
        Assert.Equal(before, File.ReadAllBytes(_hub.FilePath));
    }

    [Theory]
    [InlineData]
    [InlineData("a.db", "--history-days")]
    [InlineData("a.db", "--history-days", "0")]
    [InlineData("a.db", "--everything")]
    [InlineData("a.db", "b.db")]
    public void ImportGo_should_exit_2_with_the_usage_when_the_arguments_are_wrong(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(ImportGoCommand.Usage + "\n", error);
    }

    [Fact]
    public void ImportGo_should_explain_itself_with_help()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--history-days N", output, StringComparison.Ordinal);
        Assert.Contains("--merge", output, StringComparison.Ordinal);
    }
}
