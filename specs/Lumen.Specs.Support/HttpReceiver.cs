using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Specs.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a port from the OS) standing in for a far end the hub
/// notifies: it records every request as it came and answers from a script of statuses
/// (then 200), so a spec can make it fail, throttle and recover.
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script = new();
    private readonly List<ReceivedRequest> _received = [];

    private HttpReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's address, <c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string Address { get; private set; } = "";

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new HttpReceiver(builder.Build());
        receiver._app.Run(receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>The next requests are answered with these, in order; after them, 200.</summary>
    public HttpReceiver AnswerWith(params Answer[] answers)
    {
        foreach (var answer in answers) _script.Enqueue(answer);
        return this;
    }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_received) return _received.ToList();
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var answer = _script.TryDequeue(out var scripted) ? scripted : Answer.Ok;
        var request = new ReceivedRequest(
            http.Request.Method,
            http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            DateTimeOffset.UtcNow,
            answer.Status);
        lock (_received) _received.Add(request);
        if (answer.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        http.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter) http.Response.Headers.RetryAfter = retryAfter;
        if (answer.Body is { } text) await http.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>How the receiver answers one request.</summary>
    /// <param name="Delay">how long to wait before answering (a far end that hangs).</param>
    public sealed record Answer(int Status, string? Body = null, string? RetryAfter = null, TimeSpan? Delay = null)
    {
        public static readonly Answer Ok = new(200);
    }
}

/// <summary>One request as the receiver got it.</summary>
/// <param name="Answered">the status the receiver answered with.</param>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At, int Answered)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
