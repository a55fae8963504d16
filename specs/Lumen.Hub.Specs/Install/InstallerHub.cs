using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Install;

/// <summary>
/// The real hub binary on 127.0.0.1 (curl cannot reach the in-memory test server), serving
/// fake agent binaries from its <c>LUMEN_HUB_INSTALL_DIR</c>; shared by the installer specs.
/// </summary>
public sealed class InstallerHub : IAsyncLifetime
{
    /// <summary>The ports set aside for these specs, below the ephemeral range.</summary>
    private const int FirstPort = 18300, LastPort = 18399;

    private HubProcess? _hub;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "lumen-specs", "installer-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress => _hub!.BaseAddress;

    /// <summary>The hub's LUMEN_HUB_INSTALL_DIR.</summary>
    public string AgentFolder => Path.Combine(Folder, "agents");

    public async Task InitializeAsync()
    {
        FakeAgentBinaries.WriteInto(AgentFolder);
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = Path.Combine(Folder, "lumen.db"),
            ["LUMEN_HUB_INSTALL_DIR"] = AgentFolder,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _hub = await HubProcess.StartAsync(environment, FreePort());
    }

    /// <summary>A machine of its own for one spec, in this fixture's folder.</summary>
    [UnsupportedOSPlatform("windows")]
    public InstallerRun.Machine NewMachine() => new(Path.Combine(Folder, "machine-" + Guid.NewGuid().ToString("N")));

    private static int FreePort()
    {
        for (var port = FirstPort; port <= LastPort; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken (another spec run): try the next
            }
        }
        throw new InvalidOperationException($"no free port between {FirstPort} and {LastPort}");
    }

    public Task DisposeAsync()
    {
        _hub?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
