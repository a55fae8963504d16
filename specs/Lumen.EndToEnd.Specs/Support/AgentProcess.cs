namespace Lumen.EndToEnd.Specs.Support;

/// <summary>
/// The real agent, configured by environment alone, started from its built dll. It collects
/// from this machine's /proc and /sys; Docker is pointed at a socket that does not exist.
/// </summary>
public static class AgentProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Printed by the generic host once every hosted service, the actor system included, has started.</summary>
    private const string Started = "Application started";

    /// <param name="bufferPath">the agent's buffer file; the same path across restarts keeps what it buffered.</param>
    public static async Task<ChildProcess> StartAsync(string name, Uri hub, string token, string interval, string bufferPath, string folder)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_URL"] = hub.ToString(),
            ["LUMEN_AGENT_TOKEN"] = token,
            ["LUMEN_AGENT_HOST"] = "e2e-host",
            ["LUMEN_AGENT_INTERVAL"] = interval,
            ["LUMEN_AGENT_BUFFER_PATH"] = bufferPath,
            ["LUMEN_AGENT_DOCKER_SOCKET"] = Path.Combine(folder, "no-docker.sock"),
        };
        // A config file that does not exist: the environment is enough, and /etc/lumen stays out of it.
        var agent = ChildProcess.Start(name, BuiltBinaries.Agent, ["--config", Path.Combine(folder, "agent.yaml")], environment, folder);
        try
        {
            await agent.WaitForOutputAsync(Started, StartTimeout);
            return agent;
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }
}
