using Lumen.Hub.Hosts;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Support;

/// <summary>
/// One homelab in a temp folder: a hub database with one host added, a port from the OS that
/// the hub keeps across restarts (the agent's URL does not change), and the hub and agent
/// processes started so far. Disposing kills every one of them, writes their output to the
/// spec's output and deletes the folder.
/// </summary>
public sealed class LumenRig : IDisposable
{
    /// <summary>The lowest interval the hub's policy allows, so the specs see as many ticks as possible.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The one host in the database, as the agent reports itself.</summary>
    private const string HostName = "e2e-host";

    private readonly ITestOutputHelper _output;
    private readonly List<ChildProcess> _started = [];
    private readonly long _hostId;
    private readonly string _token;

    public LumenRig(ITestOutputHelper output)
    {
        _output = output;
        Folder = Path.Combine(Path.GetTempPath(), "lumen-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var database = new LumenDatabase(Path.Combine(Folder, "hub.db"));
        database.Initialise();
        DatabasePath = database.Path;
        var issued = new HostStore(database, TimeProvider.System).Add(HostName);
        (_hostId, _token) = (issued.Host.Id.Value, issued.Token);
        Port = FreePort.BelowEphemeralRange();
    }

    public string Folder { get; }
    public string DatabasePath { get; }
    public int Port { get; }
    public ChildProcess? Hub { get; private set; }
    public ChildProcess? Agent { get; private set; }

    /// <param name="flushEvery">the batcher's longest wait: short, unless a spec needs rows held in memory.</param>
    public async Task<ChildProcess> StartHubAsync(string flushEvery = "1s")
    {
        var name = $"hub#{_started.Count(p => p.Name.StartsWith("hub", StringComparison.Ordinal)) + 1}";
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = DatabasePath,
            ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = flushEvery,
            ["LUMEN_HUB_AGENT_INTERVAL"] = Go(Interval),
        };
        Hub = Track(await HubProcess.StartAsync(name, Port, environment, Folder));
        return Hub;
    }

    public Task<ChildProcess> StartAgentAsync() => StartAgentAsync(HostName, _token);

    /// <summary>An agent for another host than the rig's own (one added by <see cref="AddHostByCommandLineAsync"/>).</summary>
    public async Task<ChildProcess> StartAgentAsync(string host, string token)
    {
        var name = $"agent#{_started.Count(p => p.Name.StartsWith("agent", StringComparison.Ordinal)) + 1}";
        Agent = Track(await AgentProcess.StartAsync(name, host, HubProcess.Address(Port), token, Go(Interval),
            Path.Combine(Folder, $"agent-buffer-{host}.db"), Folder));
        return Agent;
    }

    /// <summary>
    /// <c>lumen-hub hosts add NAME</c>, run as a user would while the hub runs: another process
    /// on the same database file. Returns the new host's id and the token it printed.
    /// </summary>
    public async Task<(long Id, string Token)> AddHostByCommandLineAsync(string name)
    {
        using var cli = ChildProcess.Start($"cli hosts add {name}", BuiltBinaries.Hub, ["hosts", "add", name],
            new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = DatabasePath }, Folder);
        var code = await cli.WaitForExitAsync(StopTimeout);
        var token = System.Text.RegularExpressions.Regex.Match(cli.Output, @"lum_[0-9a-f]{64}").Value;
        Check(code == 0 && token.Length > 0, $"hosts add {name} exited with {code}:\n{cli.Output}");
        var host = new HostStore(new LumenDatabase(DatabasePath), TimeProvider.System).Find(name)!;
        return (host.Id.Value, token);
    }

    /// <summary>SIGTERM, as <c>systemctl stop</c>: the hub writes what it holds and exits with 0.</summary>
    public async Task StopHubAsync()
    {
        var code = await Current(Hub).TerminateAsync(StopTimeout);
        Check(code == 0, $"the hub exited with {code} after SIGTERM");
    }

    public void KillHub() => Current(Hub).Kill();

    public void KillAgent() => Current(Agent).Kill();

    public StoredTicks Ticks() => StoredTicks.Read(DatabasePath, _hostId);

    public StoredTicks Ticks(long hostId) => StoredTicks.Read(DatabasePath, hostId);

    /// <summary>Writes a runtime setting into the hub's database, as the settings page would.</summary>
    public void WriteSetting(string key, string value) =>
        new SettingsStore(new LumenDatabase(DatabasePath), SettingDefaults.BuiltIn, TimeProvider.System)
            .Write(new Dictionary<string, string> { [key] = value });

    /// <summary>Polls the database, bounded, until the stored ticks satisfy <paramref name="condition"/>.</summary>
    public async Task<StoredTicks> WaitForTicksAsync(Func<StoredTicks, bool> condition, string what, TimeSpan timeout)
    {
        var ticks = Ticks();
        await Eventually.TrueAsync(() => condition(ticks = Ticks()), what, timeout, () => Diagnostics(ticks), Eventually.ProcessPollEvery);
        return ticks;
    }

    /// <summary>Fails, with the ticks and every process's output, unless <paramref name="ticks"/> are one unbroken run.</summary>
    public void AssertNoTickMissing(StoredTicks ticks, string what, TimeSpan? interval = null)
    {
        var problems = ticks.Problems(interval ?? Interval);
        if (problems.Count > 0) Assert.Fail($"{what}: {string.Join("; ", problems)}\n{Diagnostics(ticks)}");
    }

    /// <summary>Fails with every process's output unless <paramref name="condition"/> holds.</summary>
    public void Check(bool condition, string message)
    {
        if (!condition) Assert.Fail($"{message}\n{Diagnostics()}");
    }

    public string Diagnostics(StoredTicks? ticks = null) =>
        $"stored: {ticks ?? Ticks()}\n" + string.Concat(_started.Select(p => p.Output));

    public void Dispose()
    {
        _output.WriteLine(TryDescribeTicks());
        // Agents first: a hub killed first would make them buffer for nothing.
        foreach (var process in _started.OrderBy(p => p.Name.StartsWith("hub", StringComparison.Ordinal)))
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
        foreach (var process in _started) _output.WriteLine(process.Output);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException e)
        {
            _output.WriteLine($"could not delete {Folder}: {e.Message}");
        }
    }

    private string TryDescribeTicks()
    {
        try
        {
            return $"stored: {Ticks()}";
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return $"stored: unreadable ({e.Message})";
        }
    }

    private ChildProcess Track(ChildProcess process)
    {
        _started.Add(process);
        return process;
    }

    private static ChildProcess Current(ChildProcess? process) =>
        process ?? throw new InvalidOperationException("not started");

    private static string Go(TimeSpan interval) => GoDuration.Format(interval);
}
