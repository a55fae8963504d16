using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Agent.Collectors;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;

namespace Lumen.Agent;

/// <summary>
/// <c>--once</c>: what the agent sees on this machine, without a hub. Two ticks one second
/// apart, so rates are real, then the second frame as indented JSON.
/// </summary>
public static class OnceCommand
{
    public static async Task<int> RunAsync(TextWriter output, TextWriter errors)
    {
        var options = new CollectorOptions
        {
            DiskPath = Environment.GetEnvironmentVariable("LUMEN_AGENT_DISK_PATH") is { Length: > 0 } disk ? disk : "/",
            DockerSocket = Environment.GetEnvironmentVariable("LUMEN_AGENT_DOCKER_SOCKET") is { Length: > 0 } socket ? socket : "/var/run/docker.sock",
            ExtraFilesystems = Configuration.AgentOptionsLoader.ExtraFilesystems(Environment.GetEnvironmentVariable("LUMEN_AGENT_EXTRA_FILESYSTEMS"), "LUMEN_AGENT_EXTRA_FILESYSTEMS", []),
        };
        using var collector = FrameCollector.Create(options);
        var first = await collector.CollectAsync(DateTimeOffset.UtcNow);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var result = await collector.CollectAsync(DateTimeOffset.UtcNow);

        // Notices mark changes of state, so most of them come with the first tick.
        foreach (var notice in first.Notices.Concat(result.Notices)) await errors.WriteLineAsync($"notice: {notice}");
        foreach (var failure in result.Failures) await errors.WriteLineAsync($"failed: {failure.Source}: {failure.Error.Message}");
        // For a person at a terminal: indented, and "0.1.0+abc" instead of "0.1.0\u002Babc".
        var indented = LumenJson.Adjusted<IngestFrame>(json => (json.WriteIndented, json.Encoder) = (true, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        await output.WriteLineAsync(JsonSerializer.Serialize(result.Frame, indented));
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
