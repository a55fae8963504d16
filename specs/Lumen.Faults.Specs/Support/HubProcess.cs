namespace Lumen.Faults.Specs.Support;

/// <summary>
/// How a scenario wants its hub: the batcher's sizes and any extra environment. Everything
/// else (address, database, secret, seeded admin) comes from the rig.
/// </summary>
public sealed record HubSettings(
    string FlushEvery = "1s",
    int? FlushSize = null,
    int? QueueSize = null,
    string AgentInterval = "2s",
    IReadOnlyDictionary<string, string>? Extra = null);

/// <summary>The real hub on 127.0.0.1, started from its built dll and ready once <c>/healthz</c> answers.</summary>
public static class HubProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ChildProcess> StartAsync(string name, Uri address, IReadOnlyDictionary<string, string> environment, string folder)
    {
        var hub = ChildProcess.Start(name, BuiltBinaries.Hub, [], environment, folder);
        try
        {
            await WaitHealthyAsync(hub, address);
            return hub;
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    public static async Task WaitHealthyAsync(ChildProcess hub, Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (hub.HasExited) throw new InvalidOperationException($"{hub.Name} exited while starting:\n{hub.Tail()}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{hub.Name} did not answer /healthz within {StartTimeout.TotalSeconds} s:\n{hub.Tail()}");
    }
}

/// <summary>The real agent, configured by environment alone, reporting this machine; Docker points at nothing.</summary>
public static class AgentProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Printed by the generic host once every hosted service, the actor system included, has started.</summary>
    public const string Started = "Application started";

    public static async Task<ChildProcess> StartAsync(string name, Uri hub, string token, string interval, string bufferPath, int drain, string folder)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_URL"] = hub.ToString(),
            ["LUMEN_AGENT_TOKEN"] = token,
            ["LUMEN_AGENT_HOST"] = name,
            ["LUMEN_AGENT_INTERVAL"] = interval,
            ["LUMEN_AGENT_BUFFER_PATH"] = bufferPath,
            ["LUMEN_AGENT_BUFFER_DRAIN"] = drain.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
