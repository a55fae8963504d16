namespace Lumen.Specs.Support;

/// <summary>The real hub on 127.0.0.1, started from its built dll and ready once <c>/healthz</c> answers.</summary>
public static class HubProcess
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan HealthPollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Where a hub started on <paramref name="port"/> answers.</summary>
    public static Uri Address(int port) => new($"http://127.0.0.1:{port}");

    /// <param name="name">the process's name in its output and in failure messages, e.g. <c>hub#2</c>.</param>
    /// <param name="environment">set on top of <c>LUMEN_HUB_ADDR</c>, which <paramref name="port"/> gives.</param>
    /// <param name="folder">the working directory; it must exist.</param>
    public static async Task<ChildProcess> StartAsync(string name, int port, IReadOnlyDictionary<string, string> environment, string folder, TimeSpan? startTimeout = null)
    {
        var withAddress = new Dictionary<string, string> { ["LUMEN_HUB_ADDR"] = $"127.0.0.1:{port}" };
        foreach (var (key, value) in environment) withAddress[key] = value;
        var hub = ChildProcess.Start(name, BuiltBinaries.Hub, [], withAddress, folder);
        try
        {
            await WaitHealthyAsync(hub, Address(port), startTimeout ?? DefaultStartTimeout);
            return hub;
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    private static async Task WaitHealthyAsync(ChildProcess hub, Uri address, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            if (hub.HasExited) throw new InvalidOperationException($"{hub.Name} exited with {hub.ExitCode} while starting:\n{hub.Tail()}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or a loaded machine: ask again until the deadline
            }
        }, $"{hub.Name} to answer /healthz", timeout, () => hub.Tail(), HealthPollEvery);
    }
}
