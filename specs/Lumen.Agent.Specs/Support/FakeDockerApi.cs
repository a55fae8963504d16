using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lumen.Agent.Specs.Support;

/// <summary>
/// The two Docker Engine API endpoints the agent calls, served by Kestrel on a unix socket
/// from the fixture files under Fixtures/docker.
/// </summary>
public sealed class FakeDockerApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDockerApi(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>Folder under Fixtures/docker the stats come from ("stats", "stats-5s-later").</summary>
    public string StatsFolder { get; set; } = "stats";

    /// <summary>When set, the container list answers with this status and Docker's error body.</summary>
    public int? ListStatus { get; set; }

    public TimeSpan ListDelay { get; set; } = TimeSpan.Zero;

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeDockerApi> StartAsync()
    {
        // Unix socket paths are limited to 108 bytes, so not under the (long) test output folder.
        var socketPath = Path.Combine(Path.GetTempPath(), $"lumen-docker-{Guid.NewGuid():N}"[..24] + ".sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        var app = builder.Build();
        var api = new FakeDockerApi(app, socketPath);
        app.Use(async (context, next) =>
        {
            api.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        app.MapGet("/containers/json", api.ListAsync);
        app.MapGet("/containers/{id}/stats", api.Stats);
        await app.StartAsync();
        return api;
    }

    private async Task<IResult> ListAsync(CancellationToken ct)
    {
        await Task.Delay(ListDelay, ct);
        return ListStatus is { } status
            ? Results.Json(new { message = "server error" }, statusCode: status)
            : Results.Text(Fixture.Read("docker", "containers.json"), "application/json");
    }

    private IResult Stats(string id)
    {
        var path = Path.Combine(Fixture.Root("docker"), StatsFolder, id + ".json");
        return File.Exists(path)
            ? Results.Text(File.ReadAllText(path), "application/json")
            : Results.Json(new { message = $"No such container: {id}" }, statusCode: StatusCodes.Status404NotFound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
