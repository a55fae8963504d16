using System.Net;

namespace Lumen.Bench;

/// <summary>
/// The yardstick: Kestrel with nothing behind it, answering 204 to every request without
/// reading the body (Kestrel drains it to keep the connection). Same GC settings and logging
/// level as the hub, so hub ÷ bare is what Lumen's own work costs in throughput.
/// </summary>
public static class BareServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        await app.RunAsync();
        return 0;
    }
}
