using System.Globalization;
using System.Security.Cryptography;
using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Support;

/// <summary>A host in the hub's database and the agent token issued for it.</summary>
public sealed record HostCredential(long Id, string Name, string Token);

/// <summary>
/// One homelab in a temp folder: the hub's database with hosts added, a port from the suite's
/// range that the hub keeps across restarts, a session secret and a seeded admin, and every
/// hub and agent process started so far. Disposing stops them all, saves their logs beside
/// the results file, prints the tails and deletes the folder (unmounting a tmpfs data folder).
/// </summary>
public sealed class FaultRig : IDisposable
{
    public const string AdminUsername = "faults-admin";

    /// <summary>Twice the usual: these processes start beside a fleet of simulated agents on two shared cores.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly string _scenario;
    private readonly List<ChildProcess> _started = [];
    private readonly Dictionary<string, ChildProcess> _agents = [];
    private readonly TmpfsMount? _tmpfs;
    private HubSettings _settings = new();

    /// <param name="tmpfsBytes">when set, the data folder is a tmpfs of this size (a disk that can fill up).</param>
    public FaultRig(ITestOutputHelper output, string scenario, long? tmpfsBytes = null)
    {
        (_output, _scenario) = (output, scenario);
        Folder = Path.Combine(Path.GetTempPath(), "lumen-faults", Guid.NewGuid().ToString("N"));
        DataFolder = Path.Combine(Folder, "data");
        Directory.CreateDirectory(DataFolder);
        if (tmpfsBytes is { } bytes) _tmpfs = TmpfsMount.Create(DataFolder, bytes);
        var database = new LumenDatabase(Path.Combine(DataFolder, "lumen.db"));
        database.Initialise();
        DatabasePath = database.Path;
        Hosts = new HostStore(database, TimeProvider.System);
        Port = Ports.Free();
        BaseAddress = HubProcess.Address(Port);
    }

    public string Folder { get; }
    public string DataFolder { get; }
    public string DatabasePath { get; }
    public HostStore Hosts { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public TmpfsMount? Tmpfs => _tmpfs;
    public string AdminPassword { get; } = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    public string Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    public ChildProcess? Hub { get; private set; }
    public IReadOnlyDictionary<string, ChildProcess> Agents => _agents;

    /// <summary>Adds <paramref name="count"/> hosts named <c>PREFIX-N</c> straight into the database, before the hub reads it.</summary>
    public IReadOnlyList<HostCredential> AddHosts(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var issued = Hosts.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"));
            return new HostCredential(issued.Host.Id.Value, issued.Host.Name, issued.Token);
        }).ToList();

    /// <summary>Starts the hub; a restart without settings keeps the previous ones.</summary>
    public async Task<ChildProcess> StartHubAsync(HubSettings? settings = null)
    {
        _settings = settings ?? _settings;
        var name = $"hub#{_started.Count(p => p.Name.StartsWith("hub#", StringComparison.Ordinal)) + 1}";
        Hub = Track(await HubProcess.StartAsync(name, Port, HubEnvironment(_settings), Folder, StartTimeout));
        return Hub;
    }

    public IReadOnlyDictionary<string, string> HubEnvironment(HubSettings settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = DatabasePath,
            ["LUMEN_HUB_AGENT_INTERVAL"] = settings.AgentInterval,
            ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = settings.FlushEvery,
            ["LUMEN_HUB_SECRET"] = Secret,
            ["LUMEN_HUB_ADMIN_USERNAME"] = AdminUsername,
            ["LUMEN_HUB_ADMIN_PASSWORD"] = AdminPassword,
            ["LUMEN_HUB_INSTALL_DIR"] = Folder,
        };
        if (settings.FlushSize is { } size) environment["LUMEN_HUB_BATCH_FLUSH_SIZE"] = size.ToString(CultureInfo.InvariantCulture);
        if (settings.QueueSize is { } queue) environment["LUMEN_HUB_BATCH_QUEUE_SIZE"] = queue.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings.Extra ?? new Dictionary<string, string>()) environment[key] = value;
        return environment;
    }

    /// <summary>SIGKILL: what a crash or the OOM killer does.</summary>
    public void KillHub() => Current(Hub).Kill();

    /// <summary>SIGTERM, as <c>systemctl stop</c>: the hub writes what it holds and exits with 0.</summary>
    public async Task<int> StopHubAsync() => await Current(Hub).TerminateAsync(TimeSpan.FromSeconds(90));

    public async Task<ChildProcess> StartAgentAsync(HostCredential host, int drain = 10, string interval = "2s")
    {
        var count = _started.Count(p => p.Name.StartsWith(host.Name + "#", StringComparison.Ordinal)) + 1;
        var name = $"{host.Name}#{count}";
        var agent = Track(await AgentProcess.StartAsync(name, host: name, BaseAddress, host.Token, interval, AgentBufferPath(host), Folder, drain, StartTimeout));
        _agents[host.Name] = agent;
        return agent;
    }

    public string AgentBufferPath(HostCredential host) => Path.Combine(Folder, "agents", host.Name, "buffer.db");

    public Task<HubApi> SignInAsync() => HubApi.SignInAsync(BaseAddress, AdminUsername, AdminPassword);

    public StoredRows Rows() => StoredRows.Read(DatabasePath);

    /// <summary>Every line any process printed so far.</summary>
    public string AllOutput() => string.Concat(_started.Select(p => p.Output));

    public void Dispose()
    {
        // Agents first: a hub killed first would make them buffer for nothing.
        foreach (var process in _started.OrderBy(p => p.Name.StartsWith("hub#", StringComparison.Ordinal)))
        {
            try
            {
                process.Dispose();
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                _output.WriteLine($"could not stop {process.Name}: {e.Message}");
            }
        }
        SaveLogs();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _tmpfs?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException e)
        {
            _output.WriteLine($"could not delete {Folder}: {e.Message}");
        }
    }

    private void SaveLogs()
    {
        try
        {
            Directory.CreateDirectory(ScenarioReport.LogFolder);
            foreach (var process in _started)
            {
                var file = Path.Combine(ScenarioReport.LogFolder, $"{_scenario}-{process.Name.Replace('#', '-')}.log");
                File.WriteAllText(file, process.Output);
                _output.WriteLine($"--- {process.Name}: last lines (whole log in {file})");
                _output.WriteLine(process.Tail(12));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _output.WriteLine($"could not save the logs: {e.Message}");
        }
    }

    private ChildProcess Track(ChildProcess process)
    {
        _started.Add(process);
        return process;
    }

    private static ChildProcess Current(ChildProcess? process) =>
        process ?? throw new InvalidOperationException("not started");
}
