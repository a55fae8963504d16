using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lumen.Hub.Cli;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Cli;

/// <summary><c>lumen-hub hosts …</c> against a real database file, as an admin runs it.</summary>
public sealed partial class HostsCommandSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    [GeneratedRegex("lum_[0-9a-f]{64}")]
    private static partial Regex Token();

    public void Dispose() => _db.Dispose();

    private (int Exit, string Out, string Err) Run(params string[] args) => RunOn(_db.FilePath, args);

    private static (int Exit, string Out, string Err) RunOn(string path, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = path };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = HostsCommand.Run(args, environment.GetValueOrDefault, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private HostIdentity? Resolve(string token)
    {
        var tokens = new HostTokens();
        tokens.Replace(new HostStore(_db.Database, TimeProvider.System).LoadTokens());
        return tokens.TryResolve(token, out var host) ? host : null;
    }

    [Fact]
    public void Add_should_print_a_token_once_that_resolves_to_the_host_when_the_name_is_new()
    {
        var (exit, output, error) = Run("add", "pi");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var token = Assert.Single(Token().Matches(output)).Value;
        Assert.Equal("pi", Resolve(token)?.Name);
    }

    [Fact]
    public void Add_should_store_only_the_hash_of_the_token_when_it_adds_a_host()
    {
        var token = Token().Match(Run("add", "pi").Out).Value;

        var sha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(1, _db.Scalar($"SELECT count(*) FROM hosts WHERE hex(token_hash) = '{sha256}' AND length(token_hash) = 32;"));
    }

    [Fact]
    public async Task Add_should_print_a_token_the_running_hub_accepts_when_the_hub_uses_the_same_file()
    {
        await using var hub = new HubFactory();
        _ = hub.Services;

        var token = Token().Match(RunOn(hub.Database.FilePath, "add", "pi").Out).Value;

        var agent = hub.AgentClient(token);
        await Eventually.TrueAsync(async () => (await agent.PostAsync("/api/ingest", Frames.Content())).StatusCode == HttpStatusCode.NoContent,
            "the hub to accept the new token");
    }

    [Theory]
    [InlineData("pi")]
    [InlineData("PI")]
    public void Add_should_fail_with_exit_1_when_the_name_is_taken(string again)
    {
        Run("add", "pi");

        var (exit, output, error) = Run("add", again);

        Assert.Equal(1, exit);
        Assert.Contains($"a host named '{again}' already exists", error);
        Assert.DoesNotMatch(Token(), output);
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM hosts;"));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("-leading-dash")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public void Add_should_refuse_with_exit_1_when_the_name_is_invalid(string name)
    {
        var (exit, output, error) = Run("add", name);

        Assert.Equal(1, exit);
        Assert.Contains("host name", error);
        Assert.DoesNotMatch(Token(), output);
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM hosts;"));
    }

    [Fact]
    public void List_should_say_there_are_none_when_no_host_was_added()
    {
        var (exit, output, _) = Run("list");

        Assert.Equal(0, exit);
        Assert.Contains("No hosts yet", output);
    }

    [Fact]
    public void List_should_show_every_host_when_hosts_were_added()
    {
        Run("add", "pi");
        Run("add", "nas");

        var (exit, output, _) = Run("list");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0]);
        Assert.Contains(lines, line => line.Contains(" nas ") && line.TrimEnd().EndsWith("never"));
        Assert.Contains(lines, line => line.Contains(" pi "));
        Assert.DoesNotMatch(Token(), output);
    }

    [Fact]
    public void Rotate_should_print_a_different_token_and_retire_the_old_one_when_the_host_exists()
    {
        var old = Token().Match(Run("add", "pi").Out).Value;

        var (exit, output, _) = Run("rotate", "pi");

        Assert.Equal(0, exit);
        var renewed = Assert.Single(Token().Matches(output)).Value;
        Assert.NotEqual(old, renewed);
        Assert.Equal("pi", Resolve(renewed)?.Name);
        Assert.Null(Resolve(old));
    }

    [Fact]
    public void Rotate_should_fail_with_exit_1_when_the_host_is_unknown()
    {
        var (exit, output, error) = Run("rotate", "ghost");

        Assert.Equal(1, exit);
        Assert.Contains("no host named 'ghost'", error);
        Assert.DoesNotMatch(Token(), output);
    }

    [Fact]
    public void Remove_should_delete_the_host_and_its_history_when_the_host_exists()
    {
        var pi = Token().Match(Run("add", "pi").Out).Value;
        Run("add", "nas");
        var hosts = new HostStore(_db.Database, TimeProvider.System);
        WriteSnapshots(hosts.Find("pi")!.Id, 3);
        WriteSnapshots(hosts.Find("nas")!.Id, 2);

        var (exit, output, _) = Run("remove", "pi");

        Assert.Equal(0, exit);
        Assert.Contains("Removed host 'pi'", output);
        Assert.Null(hosts.Find("pi"));
        Assert.Null(Resolve(pi));
        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM snapshots;"));
    }

    [Fact]
    public void Remove_should_fail_with_exit_1_when_the_host_is_unknown()
    {
        var (exit, _, error) = Run("remove", "ghost");

        Assert.Equal(1, exit);
        Assert.Contains("no host named 'ghost'", error);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("add")]
    [InlineData("add", "a", "b")]
    [InlineData("list", "extra")]
    public void Hosts_should_print_usage_with_exit_2_when_the_subcommand_is_unknown_or_incomplete(params string[] args)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("usage: lumen-hub hosts", error);
    }

    [Fact]
    public void Hosts_should_fail_with_exit_2_naming_the_variable_when_the_configuration_is_bad()
    {
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _db.FilePath, ["LUMEN_HUB_RETENTION_WINDOW"] = "2m" };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = HostsCommand.Run(["list"], environment.GetValueOrDefault, output, error);

        Assert.Equal(2, exit);
        Assert.Contains("LUMEN_HUB_RETENTION_WINDOW", error.ToString());
    }

    /// <summary>History for a host, written by the hub's own batch writer.</summary>
    private void WriteSnapshots(HostId host, int count)
    {
        using var writer = new SnapshotWriter(_db.Database);
        var rows = Enumerable.Range(0, count)
            .Select(i => SnapshotRow.From(host, i + 1, Frames.Recent(i), Frames.Start))
            .ToList();
        writer.Write(rows);
    }
}
