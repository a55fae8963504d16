using System.Net.Sockets;
using System.Text.Json;
using Lumen.Agent.Collectors.Memory;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Docker;

/// <summary>
/// Fills <c>containers</c> from the Docker API. Docker missing, forbidden or failing is normal
/// on many hosts: the list is empty, one notice is returned, and nothing throws.
/// </summary>
public sealed class DockerSource(CollectorOptions options) : IFrameSource, IDisposable
{
    /// <summary>Enough to overlap the daemon's latency without making it the agent's busiest client.</summary>
    private const int MaxParallelStats = 4;

    private readonly DockerApiClient _client = new(options.DockerSocket, options.DockerTimeout);
    private readonly DockerAvailability _availability = new();
    private Dictionary<string, ContainerCpuCounters> _previousCpu = [];

    public string Name => "docker";

    public async ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct)
    {
        frame.Containers = [];
        if (!File.Exists(options.DockerSocket)) return _availability.Failed($"no Docker socket at {options.DockerSocket} (set LUMEN_AGENT_DOCKER_SOCKET if Docker listens elsewhere)");
        DockerContainerSummary[] running;
        try
        {
            running = await _client.ListRunningAsync(ct);
        }
        catch (Exception e) when (Describe(e, ct) is { } problem)
        {
            return _availability.Failed(problem);
        }

        var hostTotal = ProcMeminfo.Read(options.ProcRoot)?.MemTotalBytes ?? 0;
        frame.Containers = await SampleAsync(running.Take(IngestLimits.MaxContainers).ToArray(), hostTotal, ct);
        return _availability.Succeeded();
    }

    /// <summary>A container whose stats fail (it stopped since the list) is left out of this tick.</summary>
    private async Task<ContainerSample[]> SampleAsync(DockerContainerSummary[] running, long hostTotal, CancellationToken ct)
    {
        var stats = new DockerStats?[running.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelStats, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, running.Length), parallel, async (i, token) =>
        {
            try
            {
                stats[i] = await _client.StatsAsync(running[i].Id, token);
            }
            catch (Exception e) when (Describe(e, token) is not null)
            {
                stats[i] = null;
            }
        });

        var samples = new List<ContainerSample>();
        var nextCpu = new Dictionary<string, ContainerCpuCounters>();
        for (var i = 0; i < running.Length; i++)
        {
            if (stats[i] is not { } s) continue;
            ContainerCpuCounters? previous = _previousCpu.TryGetValue(running[i].Id, out var p) ? p : null;
            samples.Add(ContainerSamples.From(running[i], s, previous, hostTotal));
            nextCpu[running[i].Id] = ContainerCpuCounters.From(s.CpuStats);
        }
        // Only containers seen now are kept, so removed containers do not accumulate.
        _previousCpu = nextCpu;
        return samples.ToArray();
    }

    /// <summary>A stable description of an expected Docker failure (stable, so it is logged once), or null for anything else.</summary>
    private string? Describe(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException when !ct.IsCancellationRequested => $"the Docker API did not answer within {options.DockerTimeout.TotalSeconds:0.#} s",
        DockerApiException api => api.Message,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.AccessDenied } } =>
            $"permission denied on {options.DockerSocket} (the agent's user needs to be in the docker group)",
        HttpRequestException { InnerException: SocketException socket } => $"cannot connect to {options.DockerSocket} ({socket.SocketErrorCode})",
        HttpRequestException => $"the Docker API at {options.DockerSocket} failed ({e.Message})",
        JsonException => "the Docker API answered something that is not the JSON it documents",
        _ => null,
    };

    public void Dispose() => _client.Dispose();
}
