using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Lumen.Hub.Specs.Support;

/// <summary>How a request reached the hub, so a spec can check its own premise (was it really chunked?).</summary>
public sealed record SeenRequest(string Method, string Path, long? ContentLength, bool Chunked);

/// <summary>Records every request in front of the hub's own pipeline; changes nothing.</summary>
public sealed class RequestLog : IStartupFilter
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();

    public IReadOnlyCollection<SeenRequest> Seen => _seen;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, inner) =>
        {
            var request = http.Request;
            var chunked = request.Headers.TransferEncoding.Any(value => value?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true);
            _seen.Enqueue(new SeenRequest(request.Method, request.Path, request.ContentLength, chunked));
            return inner();
        });
        next(app);
    };
}
