using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>One request as the far end received it: what the specs check against the service's documentation.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>An <c>application/x-www-form-urlencoded</c> body's fields.</summary>
    public IReadOnlyDictionary<string, string> Form => QueryHelpers.ParseQuery(Text).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    /// <summary>A header's value, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>
/// A stand-in for a notification service: Kestrel on 127.0.0.1 with a port the OS picks, keeping
/// every request it gets and answering each as told (by default 200 with the service's success
/// body), so a spec sends with the real sender over real HTTP and checks what arrived.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private WebApplication _app = null!;
    private volatile Reply _reply = new(200, "", "text/plain", []);

    private sealed record Reply(int Status, string Body, string ContentType, (string Name, string Value)[] Headers);

    /// <summary>The receiver's root, <c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string Root { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public ReceivedRequest Single => Assert.Single(_requests);

    public static async Task<ChannelReceiver> StartAsync(string successBody = "", string contentType = "application/json")
    {
        var receiver = new ChannelReceiver();
        receiver.AnswerWith(200, successBody, contentType);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver._app = builder.Build();
        receiver._app.Run(receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Root = receiver._app.Urls.Single().TrimEnd('/');
        return receiver;
    }

    /// <summary>How every following request is answered.</summary>
    public void AnswerWith(int status, string body = "", string contentType = "application/json", params (string Name, string Value)[] headers) =>
        _reply = new Reply(status, body, contentType, headers);

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new ReceivedRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, headers, body.ToArray()));
        var reply = _reply;
        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers) http.Response.Headers[name] = value;
        http.Response.ContentType = reply.ContentType;
        await http.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
