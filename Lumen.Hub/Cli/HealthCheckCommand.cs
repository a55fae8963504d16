using Lumen.Hub.Configuration;
using Lumen.Hub.LocalAgent;

namespace Lumen.Hub.Cli;

/// <summary>
/// <c>lumen-hub healthcheck</c>: asks the hub configured by the same environment for
/// <c>/healthz</c> on loopback; exit 0 when it answers, 1 when not. For container health
/// checks, where images carry no curl.
/// </summary>
public static class HealthCheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter error)
    {
        HubOptions options;
        try
        {
            options = HubOptionsLoader.Load(environment, folderIsWritable: _ => true);
        }
        catch (HubConfigurationException e)
        {
            await error.WriteLineAsync($"lumen-hub: {e.Message}");
            return 2;
        }
        var url = new Uri(LocalAgentService.LoopbackUrl(options.ListenUrl), "/healthz");
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode) return 0;
            await error.WriteLineAsync($"lumen-hub: {url} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"lumen-hub: {url} did not answer: {e.Message}");
        }
        return 1;
    }
}
