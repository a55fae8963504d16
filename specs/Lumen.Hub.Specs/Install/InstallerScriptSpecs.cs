using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Install;

/// <summary>
/// The served installer run by bash against the real hub over loopback: what it writes into a
/// scratch root, which commands it runs, how it upgrades, and how it refuses bad arguments.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallerScriptSpecs(InstallerHub hub) : IClassFixture<InstallerHub>
{
    private const string Token = "lum_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string OtherToken = "lum_aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly string[] ServiceStart = ["daemon-reload", "enable lumen-agent.service", "restart lumen-agent.service"];

    [Fact]
    public async Task Installer_should_install_the_agent_config_and_unit_and_start_the_service()
    {
        using var machine = hub.NewMachine();

        var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token, "--host", "nas", "--interval", "10s");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var binary = machine.PathOf("/usr/local/bin/lumen-agent");
        Assert.Equal(FakeAgentBinaries.For(FakeAgentBinaries.Arm64), File.ReadAllBytes(binary));
        Assert.Equal(Mode0755, File.GetUnixFileMode(binary));

        var config = machine.PathOf("/etc/lumen/agent.yaml");
        Assert.Equal(Mode0600, File.GetUnixFileMode(config));
        Assert.Equal(
            [$"hub_url: {hub.BaseAddress.ToString().TrimEnd('/')}", $"token: {Token}", "host: nas", "interval: 10s"],
            Settings(config));

        Assert.Equal(RepositoryFiles.ReadText("deploy/lumen-agent.service"), File.ReadAllText(machine.PathOf("/etc/systemd/system/lumen-agent.service")));
        Assert.True(Directory.Exists(machine.PathOf("/var/lib/lumen-agent")));

        Assert.Equal(
            ["--system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --groups docker lumen-agent"],
            run.CallsTo("useradd"));
        Assert.Contains($"lumen-agent:lumen-agent {config}", run.CallsTo("chown"));
        Assert.Contains($"lumen-agent:lumen-agent {machine.PathOf("/var/lib/lumen-agent")}", run.CallsTo("chown"));
        Assert.Equal(ServiceStart, run.CallsTo("systemctl"));
        Assert.Equal(3, run.Calls.Count(c => c.StartsWith("systemctl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Installer_should_fetch_the_amd64_agent_on_an_x86_64_machine()
    {
        using var machine = hub.NewMachine();
        machine.Architecture = "x86_64";

        var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(FakeAgentBinaries.For(FakeAgentBinaries.Amd64), File.ReadAllBytes(machine.PathOf("/usr/local/bin/lumen-agent")));
        Assert.Equal([$"hub_url: {hub.BaseAddress.ToString().TrimEnd('/')}", $"token: {Token}"], Settings(machine.PathOf("/etc/lumen/agent.yaml")));
    }

    [Fact]
    public async Task Installer_should_upgrade_in_place_when_run_again()
    {
        using var machine = hub.NewMachine();
        Assert.Equal(0, (await machine.InstallAsync(hub.BaseAddress, "--token", Token, "--host", "nas")).ExitCode);
        var binary = machine.PathOf("/usr/local/bin/lumen-agent");
        File.WriteAllText(binary, "an older agent");

        var again = await machine.InstallAsync(hub.BaseAddress, "--token", OtherToken);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(FakeAgentBinaries.For(FakeAgentBinaries.Arm64), File.ReadAllBytes(binary));
        Assert.Equal([$"hub_url: {hub.BaseAddress.ToString().TrimEnd('/')}", $"token: {OtherToken}"], Settings(machine.PathOf("/etc/lumen/agent.yaml")));
        Assert.Empty(again.CallsTo("useradd"));
        Assert.Equal(["-aG docker lumen-agent"], again.CallsTo("usermod"));
        Assert.Equal(ServiceStart, again.CallsTo("systemctl"));
    }

    [Fact]
    public async Task Installer_should_keep_the_existing_config_when_run_again_without_a_token()
    {
        using var machine = hub.NewMachine();
        Assert.Equal(0, (await machine.InstallAsync(hub.BaseAddress, "--token", Token, "--interval", "30s")).ExitCode);
        var config = machine.PathOf("/etc/lumen/agent.yaml");
        File.AppendAllText(config, "buffer_drain: 20\n");
        var before = File.ReadAllText(config);

        var again = await machine.InstallAsync(hub.BaseAddress);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(before, File.ReadAllText(config));
        Assert.Equal(ServiceStart, again.CallsTo("systemctl"));
    }

    [Fact]
    public async Task Installer_should_leave_the_docker_group_out_when_the_machine_has_none()
    {
        using var machine = hub.NewMachine();
        machine.HasDockerGroup = false;

        var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var unit = File.ReadAllText(machine.PathOf("/etc/systemd/system/lumen-agent.service"));
        Assert.DoesNotContain("SupplementaryGroups=", unit);
        Assert.Equal(RepositoryFiles.ReadText("deploy/lumen-agent.service").Replace("SupplementaryGroups=docker\n", ""), unit);
        Assert.DoesNotContain("docker", Assert.Single(run.CallsTo("useradd")));
    }

    [Theory]
    [InlineData("--token is required", new string[0])]
    [InlineData("--token needs a value", new[] { "--token" })]
    [InlineData("--token must be the lum_", new[] { "--token", "abc" })]
    [InlineData("--token must be the lum_", new[] { "--token", "lum_short" })]
    [InlineData("--token must be the lum_", new[] { "--token", "lum_0f1e2d3c4b5a69788796a5b4c3d2e1f0'; reboot; '" })]
    [InlineData("--host 'my nas' may only hold", new[] { "--token", Token, "--host", "my nas" })]
    [InlineData("--interval '1s' must be a duration between 2s and 1h", new[] { "--token", Token, "--interval", "1s" })]
    [InlineData("--interval '2h' must be a duration between 2s and 1h", new[] { "--token", Token, "--interval", "2h" })]
    [InlineData("--interval 'soon' must be a duration", new[] { "--token", Token, "--interval", "soon" })]
    [InlineData("unknown argument '--tokn'", new[] { "--tokn", Token })]
    public async Task Installer_should_refuse_bad_arguments_with_a_clear_message_and_change_nothing(string message, string[] arguments)
    {
        using var machine = hub.NewMachine();

        var run = await machine.InstallAsync(hub.BaseAddress, arguments);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"lumen-install: error: {message}", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(machine.Root));
        Assert.DoesNotContain(run.Calls, c => !c.StartsWith("id ", StringComparison.Ordinal) && !c.StartsWith("uname ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Installer_should_refuse_to_run_when_not_root()
    {
        using var machine = hub.NewMachine();
        machine.Uid = 1000;

        var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("lumen-install: error: must run as root", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(machine.Root));
    }

    [Fact]
    public async Task Installer_should_refuse_an_architecture_without_an_agent_build()
    {
        using var machine = hub.NewMachine();
        machine.Architecture = "riscv64";

        var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no Lumen agent is built for this machine's architecture 'riscv64'", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(machine.Root));
    }

    [Fact]
    public async Task Installer_should_show_the_hub_error_and_install_nothing_when_the_hub_lacks_the_binary()
    {
        using var machine = hub.NewMachine();
        var binary = Path.Combine(hub.AgentFolder, FakeAgentBinaries.Arm64);
        // The specs of one class run one at a time, so the shared hub can lose a file for this one.
        File.Move(binary, binary + ".away");
        try
        {
            var run = await machine.InstallAsync(hub.BaseAddress, "--token", Token);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("the hub answered 404: {\"error\":\"this hub has no agent binary lumen-agent-linux-arm64", run.Stderr);
            Assert.Contains("lumen-install: error: could not download", run.Stderr);
            Assert.Empty(Directory.EnumerateFileSystemEntries(machine.Root));
            Assert.DoesNotContain(run.Calls, c => c.StartsWith("systemctl ", StringComparison.Ordinal));
        }
        finally
        {
            File.Move(binary + ".away", binary);
        }
    }

    [Fact]
    public async Task Real_hub_should_refuse_a_Host_header_that_would_reach_the_script_with_400()
    {
        // Kestrel itself accepts these reg-name characters in Host, so the hub's own check is what stops them.
        using var client = new TcpClient();
        await client.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /install.sh HTTP/1.1\r\nHost: x'$(reboot)'\r\nConnection: close\r\n\r\n"));

        var response = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", response);
        Assert.Contains("LUMEN_HUB_PUBLIC_URL", response);
        Assert.DoesNotContain("reboot", response);
    }

    /// <summary>The key: value lines of agent.yaml, comments left out.</summary>
    private static string[] Settings(string path) =>
        File.ReadAllLines(path).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();
}
