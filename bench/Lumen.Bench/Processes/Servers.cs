using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lumen.Bench.Processes;

/// <summary>Starts the two servers under test on free loopback ports.</summary>
public static class Servers
{
    /// <summary>The Release hub as an operator runs it, with only warnings logged (no request logging).</summary>
    public static Task<ServerProcess> StartHubAsync(
        string hubDll, string databasePath, string logPath, IReadOnlyDictionary<string, string>? extraEnvironment = null, int? port = null)
    {
        port ??= FreeLoopbackPort();
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_ADDR"] = $"127.0.0.1:{port}",
            ["LUMEN_HUB_DB_PATH"] = databasePath,
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>()) environment[key] = value;
        return ServerProcess.StartAsync(hubDll, [], environment, Loopback(port.Value), "/healthz", logPath);
    }

    /// <summary>This assembly's <c>bare-server</c> subcommand.</summary>
    public static Task<ServerProcess> StartBareAsync(string logPath)
    {
        var port = FreeLoopbackPort();
        var self = Path.Combine(AppContext.BaseDirectory, "Lumen.Bench.dll");
        return ServerProcess.StartAsync(self, ["bare-server", "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), Loopback(port), "/", logPath);
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
