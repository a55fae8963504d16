using System.Globalization;
using Lumen.Protocol;
using Lumen.Protocol.Policy;

namespace Lumen.Agent.Configuration;

/// <summary>
/// Builds <see cref="AgentOptions"/> from the environment (design §7 names) and
/// <c>/etc/lumen/agent.yaml</c> (the same settings in snake_case); the environment wins. A
/// missing or bad value stops start-up with a message naming both spellings of the setting.
/// </summary>
public static class AgentOptionsLoader
{
    public const string DefaultConfigPath = "/etc/lumen/agent.yaml";

    private static readonly (string Key, string Env)[] Settings =
    [
        ("hub_url", "LUMEN_HUB_URL"), ("token", "LUMEN_AGENT_TOKEN"), ("host", "LUMEN_AGENT_HOST"),
        ("interval", "LUMEN_AGENT_INTERVAL"), ("disk_path", "LUMEN_AGENT_DISK_PATH"),
        ("docker_socket", "LUMEN_AGENT_DOCKER_SOCKET"), ("buffer_path", "LUMEN_AGENT_BUFFER_PATH"),
        ("buffer_max_age", "LUMEN_AGENT_BUFFER_MAX_AGE"), ("buffer_drain", "LUMEN_AGENT_BUFFER_DRAIN"),
        ("extra_filesystems", "LUMEN_AGENT_EXTRA_FILESYSTEMS"),
        ("processes", "LUMEN_AGENT_PROCESSES"),
    ];

    /// <param name="configPath">the YAML file; a missing file is fine when the environment has everything.</param>
    public static AgentOptions Load(Func<string, string?> environment, string configPath, Func<string>? machineName = null)
    {
        var problems = new List<string>();
        var file = ReadFile(configPath, problems);
        foreach (var key in file.Keys.Where(k => Settings.All(s => s.Key != k)))
            problems.Add($"{configPath}: {key} is not a setting (known: {string.Join(", ", Settings.Select(s => s.Key))})");

        string? Value(string key)
        {
            var env = Settings.First(s => s.Key == key).Env;
            return environment(env) is { Length: > 0 } fromEnv ? fromEnv : file.GetValueOrDefault(key) is { Length: > 0 } fromFile ? fromFile : null;
        }
        string Name(string key) => $"{Settings.First(s => s.Key == key).Env} ({key})";

        var hubUrl = HubUrl(Value("hub_url"), Name("hub_url"), problems);
        var token = Value("token");
        if (token is null) problems.Add($"{Name("token")} is required: the lum_… token the hub printed when the host was added");
        else if (!token.StartsWith("lum_", StringComparison.Ordinal)) problems.Add($"{Name("token")} must start with lum_");
        var host = Value("host") ?? (machineName ?? (() => Environment.MachineName))();

        var interval = Duration(Value("interval"), Name("interval"), TimeSpan.FromSeconds(5), AgentIntervalBounds.Min, AgentIntervalBounds.Max, problems);
        var maxAge = Duration(Value("buffer_max_age"), Name("buffer_max_age"), TimeSpan.FromHours(24), TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), problems);
        var drain = Value("buffer_drain") is { } drainText
            ? int.TryParse(drainText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 1000 ? d : Problem(problems, $"{Name("buffer_drain")} '{drainText}' must be a whole number between 1 and 1000", 10)
            : 10;
        var extraFilesystems = ExtraFilesystems(Value("extra_filesystems"), Name("extra_filesystems"), problems);
        var processes = Value("processes")?.ToLowerInvariant() switch
        {
            null or "true" => true,
            "false" => false,
            var other => Problem(problems, $"{Name("processes")} '{other}' must be true or false", true),
        };

        if (problems.Count > 0) throw new AgentConfigurationException(problems);
        return new AgentOptions(hubUrl!, token!, host, interval,
            Value("disk_path") ?? "/", Value("docker_socket") ?? "/var/run/docker.sock",
            Value("buffer_path") ?? Buffer.BufferOptions.DefaultPath, maxAge, drain)
        {
            ExtraFilesystems = extraFilesystems,
            Processes = processes,
        };
    }

    /// <summary>"/srv/media, /mnt/backup" → both paths; each must be absolute, since the agent's working directory means nothing here.</summary>
    public static IReadOnlyList<string> ExtraFilesystems(string? text, string name, List<string> problems)
    {
        if (text is null) return [];
        var paths = new List<string>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith('/')) paths.Add(entry);
            else problems.Add($"{name} '{entry}' must be an absolute path such as /srv/media (paths are separated by commas)");
        }
        return paths;
    }

    private static IReadOnlyDictionary<string, string> ReadFile(string path, List<string> problems)
    {
        if (!File.Exists(path)) return new Dictionary<string, string>();
        try
        {
            return FlatYaml.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add(e.Message);
            return new Dictionary<string, string>();
        }
    }

    private static Uri? HubUrl(string? text, string name, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{name} is required, e.g. https://hub.example.lan");
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0)
            return uri;
        problems.Add($"{name} '{text}' must be an http:// or https:// address such as https://hub.example.lan");
        return null;
    }

    private static TimeSpan Duration(string? text, string name, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        if (text is null) return fallback;
        if (GoDuration.TryParse(text, out var value) && value >= min && value <= max) return value;
        problems.Add($"{name} '{text}' must be a duration between {GoDuration.Format(min)} and {GoDuration.Format(max)}, e.g. {GoDuration.Format(fallback)}");
        return fallback;
    }

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }
}
