using Lumen.Protocol;
using Lumen.Hub.Accounts;
using Lumen.Hub.Ingest;
using Lumen.Hub.Install;
using Lumen.Hub.Settings;

namespace Lumen.Hub.Configuration;

/// <summary>Everything the hub reads from its environment at start, already checked.</summary>
public sealed record HubOptions(
    string ListenUrl,
    string DatabasePath,
    bool DatabasePathIsFallback,
    TimeSpan StreamInterval,
    BatcherOptions Batcher,
    SettingDefaults SettingDefaults,
    AccountOptions Accounts,
    InstallOptions Install,
    QuickstartOptions Quickstart)
{
    /// <summary>The folder holding the database; the hub keeps its other files (session secret) beside it.</summary>
    public string DataFolder => Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!;

    /// <summary>
    /// Whether a reverse proxy in front of the hub is believed about the address the browser
    /// used (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>); off unless
    /// <c>LUMEN_HUB_TRUST_PROXY</c> says so. Only the live stream's origin check reads them.
    /// </summary>
    public bool TrustProxy { get; init; }

    /// <summary>Said once at start: the Go hub's variables that are set and not read here (<see cref="HubVariables.GoOnly"/>).</summary>
    public string? StartupWarning { get; init; }
}

/// <summary>
/// Conveniences for a first look: <see cref="LocalAgent"/> makes the hub report its own
/// machine; <see cref="Enabled"/> (what <c>dotnet run</c> sets) adds that and creates an admin
/// with a generated password, printed once, when there is no admin yet.
/// </summary>
public sealed record QuickstartOptions(bool Enabled, bool LocalAgent);

/// <summary>Start-up refused: names every variable that is wrong and why.</summary>
public sealed class HubConfigurationException(IReadOnlyList<string> problems)
    : Exception("invalid configuration:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads the <c>LUMEN_HUB_*</c> variables of design §7. A bad value stops start-up with a
/// message naming the variable, its value and what would be accepted; nothing is guessed.
/// </summary>
public static class HubOptionsLoader
{
    public const string DefaultDatabasePath = "/var/lib/lumen/lumen.db";
    public const string FallbackDatabasePath = "data/lumen.db";

    public static HubOptions Load(Func<string, string?> environment, Func<string, bool>? folderIsWritable = null)
    {
        folderIsWritable ??= FolderIsWritable;
        var problems = new List<string>();
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var listenUrl = ListenUrl(Env("LUMEN_HUB_ADDR") ?? ":8090", problems);

        var quickstart = Flag("LUMEN_HUB_QUICKSTART", Env("LUMEN_HUB_QUICKSTART"), problems);
        var localAgent = quickstart || Flag("LUMEN_HUB_LOCAL_AGENT", Env("LUMEN_HUB_LOCAL_AGENT"), problems);

        var dbPath = Env("LUMEN_HUB_DB_PATH");
        var fallback = false;
        // A first look keeps everything in a data folder where it was started, easy to find and delete.
        if (dbPath is null && quickstart) dbPath = Path.GetFullPath(FallbackDatabasePath);
        if (dbPath is null)
        {
            // The packaged default; a developer without root gets a data folder right here.
            dbPath = DefaultDatabasePath;
            if (!folderIsWritable(Path.GetDirectoryName(DefaultDatabasePath)!))
                (dbPath, fallback) = (Path.GetFullPath(FallbackDatabasePath), true);
        }

        var streamInterval = Duration("LUMEN_HUB_STREAM_INTERVAL", Env("LUMEN_HUB_STREAM_INTERVAL"), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), problems);
        var flushEvery = Duration("LUMEN_HUB_BATCH_FLUSH_EVERY", Env("LUMEN_HUB_BATCH_FLUSH_EVERY"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), problems);
        var flushSize = Integer("LUMEN_HUB_BATCH_FLUSH_SIZE", Env("LUMEN_HUB_BATCH_FLUSH_SIZE"), 5000, 1, 100_000, problems);
        var trustProxy = Flag("LUMEN_HUB_TRUST_PROXY", Env("LUMEN_HUB_TRUST_PROXY"), problems);
        var queueSize = Integer("LUMEN_HUB_BATCH_QUEUE_SIZE", Env("LUMEN_HUB_BATCH_QUEUE_SIZE"), Math.Max(50_000, flushSize * 4), 1, 10_000_000, problems);

        var defaults = new Dictionary<string, TimeSpan>();
        foreach (var definition in SettingDefinitions.All)
        {
            if (Env(definition.EnvironmentVariable) is not { } text)
            {
                defaults[definition.Key] = definition.Default;
                continue;
            }
            var (value, error) = definition.Read(text, definition.EnvironmentVariable);
            if (error is null) defaults[definition.Key] = value;
            else problems.Add(error);
        }
        SameSettingDefaults(defaults, Env, problems);
        var texts = new Dictionary<string, string>(TextSettingDefinitions.Defaults);
        foreach (var definition in TextSettingDefinitions.All)
        {
            if (Env(definition.EnvironmentVariable) is not { } text) continue;
            var (value, error) = definition.Read(text, definition.EnvironmentVariable);
            if (error is null) texts[definition.Key] = value;
            else problems.Add(error);
        }
        if (problems.Count == 0 && SettingDefinitions.CheckTogether(defaults) is { } conflict) problems.Add($"the environment's settings: {conflict}");

        var accounts = Accounts(Env, problems);
        var install = Install(Env("LUMEN_HUB_INSTALL_DIR"), Env("LUMEN_HUB_PUBLIC_URL"), dbPath, problems);

        if (problems.Count > 0) throw new HubConfigurationException(problems);
        return new HubOptions(listenUrl, dbPath, fallback, streamInterval,
            new BatcherOptions(flushSize, flushEvery, queueSize, OfferWait: TimeSpan.FromSeconds(1), DrainTimeout: TimeSpan.FromSeconds(60)),
            new SettingDefaults(defaults) { Texts = texts },
            accounts,
            install,
            new QuickstartOptions(quickstart, localAgent)) { TrustProxy = trustProxy, StartupWarning = HubVariables.GoOnlyWarning(Env) };
    }

    /// <summary>
    /// A setting with a second name (<c>LUMEN_HUB_DOWNSAMPLE_HOT_WINDOW</c> for
    /// <c>LUMEN_HUB_RETENTION_WINDOW</c>) takes whichever of the two is set; both set and
    /// different is a problem, since one of them would be ignored.
    /// </summary>
    private static void SameSettingDefaults(Dictionary<string, TimeSpan> defaults, Func<string, string?> env, List<string> problems)
    {
        foreach (var alias in SettingDefinitions.All.Where(d => d.SameAs is not null))
        {
            var target = SettingDefinitions.Find(alias.SameAs!)!;
            var (aliasSet, targetSet) = (env(alias.EnvironmentVariable) is not null, env(target.EnvironmentVariable) is not null);
            if (aliasSet && targetSet && defaults.GetValueOrDefault(alias.Key) != defaults.GetValueOrDefault(target.Key))
                problems.Add($"{alias.EnvironmentVariable} and {target.EnvironmentVariable} name the same setting ({target.Key}) with different values; set one of them");
            else if (aliasSet && !targetSet && defaults.TryGetValue(alias.Key, out var value))
                defaults[target.Key] = value;
            if (defaults.TryGetValue(target.Key, out var effective)) defaults[alias.Key] = effective;
        }
    }

    private static bool Flag(string name, string? text, List<string> problems)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "false" or "0" or "no" or "off": return false;
            case "true" or "1" or "yes" or "on": return true;
            default:
                problems.Add($"{name} '{text}' must be true or false");
                return false;
        }
    }

    private static AccountOptions Accounts(Func<string, string?> env, List<string> problems)
    {
        var secret = env("LUMEN_HUB_SECRET");
        if (secret is not null && secret.Length < AccountOptions.MinSecretLength)
            problems.Add($"LUMEN_HUB_SECRET must be at least {AccountOptions.MinSecretLength} characters (e.g. the output of: openssl rand -base64 48), or unset to have one generated");

        var username = env("LUMEN_HUB_ADMIN_USERNAME");
        var password = env("LUMEN_HUB_ADMIN_PASSWORD");
        if ((username is null) != (password is null))
            problems.Add("LUMEN_HUB_ADMIN_USERNAME and LUMEN_HUB_ADMIN_PASSWORD are set together or not at all");
        else if (username is not null)
        {
            // Messages name the variable, never echo the password.
            if (Credentials.ValidateUsername(username) is { } badName) problems.Add($"LUMEN_HUB_ADMIN_USERNAME: {badName}");
            if (Credentials.ValidatePassword(password) is { } badPassword) problems.Add($"LUMEN_HUB_ADMIN_PASSWORD: {badPassword}");
        }
        return new AccountOptions(secret, username, password);
    }

    public static HubOptions FromProcessEnvironment() => Load(Environment.GetEnvironmentVariable);

    /// <summary>Go's listen syntax: ":8090" (all interfaces), "127.0.0.1:8090", "[::1]:8090".</summary>
    private static string ListenUrl(string addr, List<string> problems)
    {
        var colon = addr.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(addr.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            problems.Add($"LUMEN_HUB_ADDR '{addr}' must be host:port or :port, e.g. :8090 or 127.0.0.1:8090");
            return "";
        }
        var host = addr[..colon];
        return host.Length == 0 || host == "0.0.0.0" ? $"http://0.0.0.0:{port}" : $"http://{host}:{port}";
    }

    /// <summary>
    /// The agent binaries sit beside the database by default (<c>/var/lib/lumen/install</c>),
    /// where a missing folder only means the installer has nothing to hand out yet; a folder
    /// named on purpose must exist.
    /// </summary>
    private static InstallOptions Install(string? folder, string? publicUrl, string databasePath, List<string> problems)
    {
        var agentFolder = folder is null
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "install")
            : Path.GetFullPath(folder);
        if (folder is not null && !Directory.Exists(agentFolder))
            problems.Add($"LUMEN_HUB_INSTALL_DIR '{folder}' is not a folder; it should hold {string.Join(" and ", AgentBinaries.Names)}");

        string? address = null;
        if (publicUrl is not null && !HubAddress.TryParse(publicUrl, out address))
            problems.Add($"LUMEN_HUB_PUBLIC_URL '{publicUrl}' must be an http:// or https:// address such as https://hub.example.lan:8443 (a path of letters, digits, '-', '.', '_', '~' is allowed; no query)");
        return new InstallOptions(agentFolder, address);
    }

    private static TimeSpan Duration(string name, string? text, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        if (text is null) return fallback;
        if (GoDuration.TryParse(text, out var value) && value >= min && value <= max) return value;
        problems.Add($"{name} '{text}' must be a duration between {GoDuration.Format(min)} and {GoDuration.Format(max)}, e.g. {GoDuration.Format(fallback)}");
        return fallback;
    }

    private static int Integer(string name, string? text, int fallback, int min, int max, List<string> problems)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        problems.Add($"{name} '{text}' must be a whole number between {min} and {max}");
        return fallback;
    }

    private static bool FolderIsWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".lumen-write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
