using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lumen.Agent.Specs.Support;

/// <summary>
/// The hub's two agent endpoints on 127.0.0.1, answering as a spec says: 204 with the
/// durability headers of a chosen instance, or any error status. Frames it accepts are
/// recorded in arrival order, parsed by the real protocol parser.
/// </summary>
public sealed class ScriptedHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _seq;

    private ScriptedHub(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Status for the next posts; 204 while empty.</summary>
    public ConcurrentQueue<HttpStatusCode> NextStatuses { get; } = new();

    public string Instance { get; set; } = "instance-a";

    /// <summary>The watermark every 204 reports.</summary>
    public long DurableSeq { get; set; }

    public string CollectionInterval { get; set; } = "5s";

    /// <summary>The <c>metrics</c> list of the policy, as JSON; null leaves the field out, as a Go hub does.</summary>
    public string? PolicyMetrics { get; set; }

    /// <summary>The <c>frame_fields</c> list of the policy, as JSON; null leaves the field out, as a Go hub does.</summary>
    public string? PolicyFrameFields { get; set; }

    /// <summary>The policy's processes fields, as JSON members; a Go hub's default unless a spec sets more.</summary>
    public string ProcessesPolicy { get; set; } = "\"processes_enabled\":false";

    /// <summary>Every accepted body as it was posted.</summary>
    public ConcurrentQueue<byte[]> Bodies { get; } = new();

    public ConcurrentQueue<IngestFrame> Accepted { get; } = new();

    /// <summary>While set and not completed, every post waits for it before it is answered: a slow hub.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Posts;

    public IReadOnlyList<DateTimeOffset> AcceptedTs => Accepted.Select(f => f.Ts).ToList();

    public static async Task<ScriptedHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new ScriptedHub(app);
        app.MapPost("/api/ingest", hub.IngestAsync);
        app.MapGet("/api/agent/policy", () => Results.Text(
            $$"""{"collection_interval":"{{hub.CollectionInterval}}",{{hub.ProcessesPolicy}}{{(hub.PolicyMetrics is { } metrics ? $",\"metrics\":{metrics}" : "")}}{{(hub.PolicyFrameFields is { } fields ? $",\"frame_fields\":{fields}" : "")}}}""",
            "application/json"));
        await app.StartAsync();
        hub.Url = new Uri(app.Urls.First());
        return hub;
    }

    private async Task IngestAsync(HttpContext http)
    {
        Interlocked.Increment(ref Posts);
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        if (Gate is { } gate) await gate.Task;
        if (NextStatuses.TryDequeue(out var status) && status != HttpStatusCode.NoContent)
        {
            http.Response.StatusCode = (int)status;
            await http.Response.WriteAsync("""{"error":"scripted"}""", Encoding.UTF8);
            return;
        }
        Bodies.Enqueue(body.ToArray());
        Accepted.Enqueue(FrameParser.Parse(body.ToArray()).Frame!);
        http.Response.Headers[DurabilityHeaders.Instance] = Instance;
        http.Response.Headers[DurabilityHeaders.Sequence] = Interlocked.Increment(ref _seq).ToString();
        http.Response.Headers[DurabilityHeaders.DurableSequence] = DurableSeq.ToString();
        http.Response.StatusCode = 204;
    }

    /// <summary>A restart as the agent sees it: a new instance whose numbers start again.</summary>
    public void Restart(string instance)
    {
        Instance = instance;
        Interlocked.Exchange(ref _seq, 0);
        DurableSeq = 0;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
