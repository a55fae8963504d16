using Lumen.Agent.Configuration;
using Lumen.Agent.Specs.Support;
using Microsoft.Extensions.Hosting;

namespace Lumen.Agent.Specs.Hosting;

/// <summary>
/// The agent as its daemon runs it, configured from its environment, on this machine's /proc,
/// posting to a hub on loopback whose policy asks for the process list: it follows the policy
/// unless <c>LUMEN_AGENT_PROCESSES=false</c>, which always wins.
/// </summary>
public sealed class AgentHostProcessesSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _bufferPath = Path.Combine(Path.GetTempPath(), $"lumen-processes-spec-{Guid.NewGuid():N}.db");
    private ScriptedHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await ScriptedHub.StartAsync();
        _hub.CollectionInterval = "2s";
        _hub.ProcessesPolicy = "\"processes_enabled\":true,\"processes_top_n\":5,\"processes_sort_by\":\"cpu\"";
    }

    private IHost Agent(string? processes)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_URL"] = _hub.Url.ToString(), ["LUMEN_AGENT_TOKEN"] = "lum_spec", ["LUMEN_AGENT_INTERVAL"] = "2s",
            ["LUMEN_AGENT_BUFFER_PATH"] = _bufferPath, ["LUMEN_AGENT_DOCKER_SOCKET"] = "/nonexistent/docker.sock",
        };
        if (processes is not null) environment["LUMEN_AGENT_PROCESSES"] = processes;
        return AgentHost.Build(AgentOptionsLoader.Load(environment.GetValueOrDefault, "/nonexistent/agent.yaml"));
    }

    [Fact]
    public async Task Agent_should_send_this_machines_top_processes_once_the_policy_asks()
    {
        using var agent = Agent(processes: null);
        await agent.StartAsync();

        await WaitUntilAsync(() => _hub.Accepted.Any(f => f.Processes is { Length: > 0 }));
        await agent.StopAsync();

        var listed = _hub.Accepted.First(f => f.Processes is { Length: > 0 }).Processes!;
        Assert.InRange(listed.Length, 1, 5);
        Assert.Contains(listed, p => p.Pid > 0 && p.Name.Length > 0 && p.User.Length > 0);
        // The first frame went before the policy was read: the fields a Go hub knows, no list.
        Assert.Null(_hub.Accepted.First().Processes);
    }

    [Fact]
    public async Task Agent_should_never_send_processes_when_lumen_agent_processes_is_false_whatever_the_policy_asks()
    {
        using var agent = Agent(processes: "false");
        await agent.StartAsync();

        // Frames after the policy was read (it is read after the first accepted post).
        await WaitUntilAsync(() => _hub.Accepted.Count >= 3);
        await agent.StopAsync();

        Assert.True(_hub.Accepted.Count >= 3, $"only {_hub.Accepted.Count} frames arrived");
        Assert.All(_hub.Accepted, frame => Assert.Null(frame.Processes));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        File.Delete(_bufferPath);
    }
}
