using System.Globalization;

namespace Lumen.Specs.Support;

/// <summary>
/// The real agent, configured by environment alone, started from its built dll. It collects
/// from this machine's /proc and /sys; Docker is pointed at a socket that does not exist.
/// </summary>
public static class AgentProcess
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Printed by the generic host once every hosted service, the actor system included, has started.</summary>
    public const string Started = "Application started";

    /// <param name="name">the process's name in its output and in failure messages, e.g. <c>agent#2</c>.</param>
    /// <param name="host">the name the agent reports (<c>LUMEN_AGENT_HOST</c>).</param>
    /// <param name="bufferPath">the agent's buffer file; the same path across restarts keeps what it buffered.</param>
    /// <param name="folder">the working directory; it must exist.</param>
    /// <param name="drain">frames sent from the buffer per tick (<c>LUMEN_AGENT_BUFFER_DRAIN</c>); the agent's default when null.</param>
    public static async Task<ChildProcess> StartAsync(string name, string host, Uri hub, string token, string interval, string bufferPath, string folder,
        int? drain = null, TimeSpan? startTimeout = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_URL"] = hub.ToString(),
            ["LUMEN_AGENT_TOKEN"] = token,
            ["LUMEN_AGENT_HOST"] = host,
            ["LUMEN_AGENT_INTERVAL"] = interval,
            ["LUMEN_AGENT_BUFFER_PATH"] = bufferPath,
            ["LUMEN_AGENT_DOCKER_SOCKET"] = Path.Combine(folder, "no-docker.sock"),
        };
        if (drain is { } frames) environment["LUMEN_AGENT_BUFFER_DRAIN"] = frames.ToString(CultureInfo.InvariantCulture);
        // A config file that does not exist: the environment is enough, and /etc/lumen stays out of it.
        var agent = ChildProcess.Start(name, BuiltBinaries.Agent, ["--config", Path.Combine(folder, "agent.yaml")], environment, folder);
        try
        {
            await agent.WaitForOutputAsync(Started, startTimeout ?? DefaultStartTimeout);
            return agent;
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }
}
