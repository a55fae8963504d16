using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>
/// A push service on 127.0.0.1 (a free port): takes <c>POST /push/{id}</c> as RFC 8030 §5
/// describes, records each request, and answers 201 Created unless a spec scripted another
/// status for that endpoint (410 for a subscription the browser dropped, 429 with a
/// <c>Retry-After</c>, …).
/// </summary>
public sealed class PushServiceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string? RetryAfter, string Body)> _answers = new();

    private PushServiceReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<PushRequest> Requests { get; } = new();

    /// <summary>The endpoint a subscription for push id <paramref name="id"/> has.</summary>
    public string Endpoint(string id) => new Uri(Url, $"/push/{id}").ToString();

    /// <summary>Every later push to <paramref name="id"/> gets this answer.</summary>
    public void Answer(string id, int status, string? retryAfter = null, string body = "") => _answers[id] = (status, retryAfter, body);

    public IReadOnlyList<PushRequest> To(string id) => Requests.Where(request => request.Id == id).ToList();

    public static async Task<PushServiceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new PushServiceReceiver(app);
        app.MapPost("/push/{id}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First());
        return receiver;
    }

    private async Task ReceiveAsync(string id, HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new PushRequest(id, http.Request.Path, headers, body.ToArray()));

        var (status, retryAfter, text) = _answers.GetValueOrDefault(id, (StatusCodes.Status201Created, null, ""));
        http.Response.StatusCode = status;
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
        if (status == StatusCodes.Status201Created) http.Response.Headers.Location = $"/message/{Guid.NewGuid():N}";
        if (text.Length > 0) await http.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One push as the push service received it.</summary>
public sealed record PushRequest(string Id, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"the push has no {name} header; it has {string.Join(", ", Headers.Keys)}");
}
