using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Http;
using Lumen.Hub.Settings;
using Lumen.Protocol;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;
using Lumen.Protocol.Policy;

namespace Lumen.Hub.Ingest;

/// <summary>
/// The agent-facing endpoints: <c>POST /api/ingest</c> and <c>GET /api/agent/policy</c>, both
/// behind a host's bearer token. The token is checked before a byte of the body is read.
/// </summary>
public static class IngestApi
{
    /// <summary>Every metric of the catalogue: this hub stores them all, so an agent may send them all.</summary>
    private static readonly string[] StoredMetrics = [.. ScalarMetrics.All.Select(metric => metric.Name)];

    /// <summary>How long an agent should wait after a 503 before it sends again.</summary>
    private const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        // Resolved once: a handler parameter from DI would cost a service scope per ingest.
        var pipeline = app.ServiceProvider.GetRequiredService<IngestPipeline>();
        var agents = app.ServiceProvider.GetRequiredService<AgentAuthenticator>();
        app.MapPost("/api/ingest", (HttpContext http) => HandleIngestAsync(http, agents, pipeline));
        app.MapGet("/api/agent/policy", HandlePolicyAsync);
        return app;
    }

    private static async Task HandleIngestAsync(HttpContext http, AgentAuthenticator agents, IngestPipeline pipeline)
    {
        if (await agents.AuthenticateAsync(http.Request.Headers.Authorization) is not { } host)
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, "missing or invalid agent token");
            return;
        }
        if (http.Request.ContentLength > IngestLimits.MaxBodyBytes)
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, $"body is {http.Request.ContentLength} bytes; at most {IngestLimits.MaxBodyBytes} are accepted");
            return;
        }

        var reader = http.Request.BodyReader;
        FrameParseResult parsed;
        try
        {
            var body = await ReadWholeBodyAsync(reader, IngestLimits.MaxBodyBytes, http.RequestAborted);
            if (body is not { } buffer)
            {
                await ApiErrors.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, $"body is larger than {IngestLimits.MaxBodyBytes} bytes");
                return;
            }
            parsed = FrameParser.Parse(buffer);
            reader.AdvanceTo(buffer.End);
        }
        catch (BadHttpRequestException e)
        {
            await ApiErrors.WriteAsync(http, e.StatusCode, $"could not read the body: {e.Message}");
            return;
        }

        if (parsed.Frame is not { } frame)
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status400BadRequest, parsed.Error!);
            return;
        }

        var outcome = await pipeline.AcceptAsync(host, frame, http.RequestAborted);
        if (outcome.Result != OfferResult.Accepted)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, outcome.Result == OfferResult.Closed
                ? "hub is shutting down; keep the frame and send it again"
                : "hub is behind writing to disk; keep the frame and send it again");
            return;
        }

        var headers = http.Response.Headers;
        headers[DurabilityHeaders.Instance] = pipeline.InstanceId;
        headers[DurabilityHeaders.Sequence] = outcome.Seq.ToString(CultureInfo.InvariantCulture);
        headers[DurabilityHeaders.DurableSequence] = outcome.DurableSeq.ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The complete body, or null as soon as it grows past <paramref name="maxBytes"/>.</summary>
    private static async ValueTask<ReadOnlySequence<byte>?> ReadWholeBodyAsync(PipeReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            if (result.IsCompleted || result.IsCanceled) return buffer;
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task<IResult> HandlePolicyAsync(HttpContext http, AgentAuthenticator agents, SettingsStore settings)
    {
        if (await agents.AuthenticateAsync(http.Request.Headers.Authorization) is null)
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "missing or invalid agent token");
        var current = await settings.ReadAsync();
        var processes = current.Processes;
        var policy = new AgentPolicy
        {
            CollectionInterval = GoDuration.Format(current.AgentInterval), Metrics = StoredMetrics,
            ProcessesEnabled = processes.Enabled, ProcessesTopN = processes.TopN, ProcessesSortBy = processes.PolicySortBy,
            ProcessesRedactRegex = processes.RedactRegex.Length > 0 ? processes.RedactRegex : null,
            FrameFields = OptionalFrameFields.All,
        };
        return TypedResults.Json(policy, LumenJson.AgentPolicy);
    }
}
