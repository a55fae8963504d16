using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Protocol;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Policy;

namespace Lumen.Agent.Sending;

/// <summary>
/// The agent's two calls to the hub: post a frame, read the policy. Every answer becomes a
/// <see cref="PostOutcome"/>; nothing here throws for a hub that is down or misbehaving. What
/// the policy says the hub stores decides which metrics a post carries (<see cref="FrameWireFormat"/>).
/// </summary>
public sealed class HubClient
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly FrameWireFormat _wire = new();

    /// <summary>The hub's URL, for log lines.</summary>
    public string Address => _http.BaseAddress?.ToString() ?? "(no address)";

    /// <param name="http">its BaseAddress is the hub's URL; a path prefix (a reverse proxy's) is kept.</param>
    public HubClient(HttpClient http, string token)
    {
        _http = http;
        if (_http.BaseAddress is { } hub && !hub.AbsoluteUri.EndsWith('/')) _http.BaseAddress = new Uri(hub.AbsoluteUri + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.Timeout = RequestTimeout;
    }

    public async Task<PostOutcome> PostAsync(IngestFrame frame, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(frame, _wire.Current));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await _http.PostAsync("api/ingest", content, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK => Accepted(response),
                HttpStatusCode.Unauthorized => new PostOutcome.Unauthorized(),
                HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge =>
                    new PostOutcome.Rejected((int)response.StatusCode, await ErrorOf(response, cancellationToken)),
                _ => new PostOutcome.Retry($"hub answered {(int)response.StatusCode} {await ErrorOf(response, cancellationToken)}".TrimEnd()),
            };
        }
        catch (HttpRequestException e)
        {
            return new PostOutcome.Retry($"cannot reach the hub: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostOutcome.Retry($"the hub did not answer within {RequestTimeout.TotalSeconds:F0} s");
        }
    }

    /// <returns>the policy, or null when the hub cannot be asked now.</returns>
    public async Task<AgentPolicy?> GetPolicyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("api/agent/policy", cancellationToken);
            if (!response.IsSuccessStatusCode) return null;
            var policy = await response.Content.ReadFromJsonAsync(LumenJson.AgentPolicy, cancellationToken);
            if (policy is not null) _wire.Accept(policy.Metrics ?? [], policy.FrameFields ?? []);
            return policy;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static PostOutcome Accepted(HttpResponseMessage response)
    {
        var headers = response.Headers;
        if (!headers.TryGetValues(DurabilityHeaders.Instance, out var instance)) return new PostOutcome.Accepted(null, 0, 0);
        return new PostOutcome.Accepted(instance.First(), Number(headers, DurabilityHeaders.Sequence), Number(headers, DurabilityHeaders.DurableSequence));
    }

    private static long Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.First(), out var number) ? number : 0;

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(LumenJson.ApiError, cancellationToken);
            return error?.Error ?? "";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return "";
        }
    }
}
