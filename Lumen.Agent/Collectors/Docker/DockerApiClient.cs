using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lumen.Agent.Collectors.Docker;

/// <summary>A non-success answer from the Docker API.</summary>
public sealed class DockerApiException(string path, HttpStatusCode status)
    : Exception($"the Docker API answered {(int)status} to GET /{path}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// The two Docker Engine API calls the agent needs, over the unix socket: plain HttpClient
/// with a connect callback, no Docker SDK. Every request is bounded by a short timeout.
/// </summary>
public sealed class DockerApiClient : IDisposable
{
    /// <summary>A list of 500 containers is far below this; anything bigger is not the Docker API.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;

    public DockerApiClient(string socketPath, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => ConnectAsync(socketPath, ct),
            ConnectTimeout = timeout,
            // The daemon restarts on upgrades; a pooled connection to the old socket is useless.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        // The host name is never resolved (the socket is the address); Docker only needs a Host header.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = timeout, MaxResponseContentBufferSize = MaxResponseBytes };
    }

    /// <summary><c>GET /containers/json</c>: running containers only (Docker's default).</summary>
    public async Task<DockerContainerSummary[]> ListRunningAsync(CancellationToken ct) =>
        await GetAsync("containers/json", DockerJsonContext.Default.DockerContainerSummaryArray, ct) ?? [];

    /// <summary>
    /// One-shot stats: <c>one-shot=true</c> answers at once instead of waiting a second for a
    /// second sample (older daemons ignore it, wait, and fill precpu_stats).
    /// </summary>
    public Task<DockerStats?> StatsAsync(string id, CancellationToken ct) =>
        GetAsync($"containers/{Uri.EscapeDataString(id)}/stats?stream=false&one-shot=true", DockerJsonContext.Default.DockerStats, ct);

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode) throw new DockerApiException(path, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await JsonSerializer.DeserializeAsync(body, type, ct);
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();
}
