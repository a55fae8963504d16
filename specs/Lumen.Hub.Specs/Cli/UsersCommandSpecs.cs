using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lumen.Hub.Cli;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Cli;

/// <summary><c>lumen-hub users …</c> on the database of a running hub, as a locked-out admin would run it.</summary>
public sealed class UsersCommandSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _hub.Database.FilePath };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = UsersCommand.Run(args, environment.GetValueOrDefault, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Reset_password_should_print_a_new_password_that_signs_in_and_end_old_sessions()
    {
        var oldSession = await _hub.SignedInClientAsync();

        var (exit, output, error) = Run("reset-password", HubFactory.AdminUsername);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var password = Regex.Match(output, @"^  (\S{20})$", RegexOptions.Multiline).Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.GetAsync("/api/me")).StatusCode);
        var login = await _hub.CreateClient().PostAsJsonAsync("/api/login", new { username = HubFactory.AdminUsername, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public void Reset_password_should_fail_clearly_for_an_unknown_user()
    {
        _ = _hub.Services;
        var (exit, _, error) = Run("reset-password", "nobody");

        Assert.Equal(1, exit);
        Assert.Contains("no user named 'nobody'", error);
    }

    [Fact]
    public async Task List_should_show_the_accounts()
    {
        await _hub.SignedInClientAsync();

        var (exit, output, _) = Run("list");

        Assert.Equal(0, exit);
        Assert.Contains(HubFactory.AdminUsername, output);
        Assert.Contains("admin", output);
    }

    [Fact]
    public void Users_should_print_usage_for_an_unknown_subcommand() => Assert.Equal(2, Run("delete", "x").Exit);
}
