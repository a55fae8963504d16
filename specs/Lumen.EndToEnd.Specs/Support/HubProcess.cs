namespace Lumen.EndToEnd.Specs.Support;

/// <summary>The real hub on 127.0.0.1, started from its built dll and ready once <c>/healthz</c> answers.</summary>
public static class HubProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <param name="flushEvery">the batcher's longest wait (<c>LUMEN_HUB_BATCH_FLUSH_EVERY</c>), a Go duration.</param>
    public static async Task<ChildProcess> StartAsync(string name, int port, string databasePath, string agentInterval, string flushEvery, string folder)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_ADDR"] = $"127.0.0.1:{port}",
            ["LUMEN_HUB_DB_PATH"] = databasePath,
            ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = flushEvery,
            ["LUMEN_HUB_AGENT_INTERVAL"] = agentInterval,
        };
        var hub = ChildProcess.Start(name, BuiltBinaries.Hub, [], environment, folder);
        try
        {
            await WaitHealthyAsync(hub, new Uri($"http://127.0.0.1:{port}"));
            return hub;
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    private static async Task WaitHealthyAsync(ChildProcess hub, Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (hub.HasExited) throw new InvalidOperationException($"{hub.Name} exited while starting:\n{hub.Output}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{hub.Name} did not answer /healthz within {StartTimeout.TotalSeconds} s:\n{hub.Output}");
    }
}
