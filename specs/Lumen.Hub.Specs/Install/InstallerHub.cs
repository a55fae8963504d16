using System.Runtime.Versioning;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Install;

/// <summary>
/// The real hub binary on 127.0.0.1 (curl cannot reach the in-memory test server), serving
/// fake agent binaries from its <c>LUMEN_HUB_INSTALL_DIR</c>; shared by the installer specs.
/// </summary>
public sealed class InstallerHub : IAsyncLifetime
{
    /// <summary>The ports set aside for these specs, below the ephemeral range.</summary>
    private const int FirstPort = 18300, LastPort = 18399;

    private ChildProcess? _hub;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "lumen-specs", "installer-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

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
        var port = FreePort.Between(FirstPort, LastPort);
        _hub = await HubProcess.StartAsync("installer-hub", port, environment, Folder);
        BaseAddress = HubProcess.Address(port);
    }

    /// <summary>A machine of its own for one spec, in this fixture's folder.</summary>
    [UnsupportedOSPlatform("windows")]
    public InstallerRun.Machine NewMachine() => new(Path.Combine(Folder, "machine-" + Guid.NewGuid().ToString("N")));

    public Task DisposeAsync()
    {
        _hub?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
