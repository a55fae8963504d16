using Lumen.Agent.Configuration;
using Lumen.Specs.Support;

namespace Lumen.Agent.Specs.Configuration;

public sealed class AgentOptionsLoaderSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lumen-agent-config-").FullName;
    private readonly Dictionary<string, string> _env = [];

    private string ConfigPath => Path.Combine(_folder, "agent.yaml");

    private AgentOptions Load() => AgentOptionsLoader.Load(key => _env.GetValueOrDefault(key), ConfigPath, () => "this-machine");

    private AgentConfigurationException Refused() => Assert.Throws<AgentConfigurationException>(Load);

    [Fact]
    public void Loader_should_read_every_setting_from_agent_yaml()
    {
        File.WriteAllText(ConfigPath, """
            # written by install.sh
            hub_url: "https://hub.lan:8090"
            token: lum_abc   # shown once by the hub
            host: nas
            interval: 10s
            disk_path: /srv
            docker_socket: '/run/docker.sock'
            buffer_path: /var/lib/lumen-agent/buffer.db
            buffer_max_age: 12h
            buffer_drain: 25
            """);

        var options = Load();

        Assert.Equal(new Uri("https://hub.lan:8090"), options.HubUrl);
        Assert.Equal(("lum_abc", "nas", TimeSpan.FromSeconds(10)), (options.Token, options.Host, options.Interval));
        Assert.Equal(("/srv", "/run/docker.sock"), (options.DiskPath, options.DockerSocket));
        Assert.Equal((TimeSpan.FromHours(12), 25), (options.BufferMaxAge, options.BufferDrain));
    }

    [Fact]
    public void Loader_should_let_the_environment_win_over_the_file()
    {
        File.WriteAllText(ConfigPath, "hub_url: https://old.lan\ntoken: lum_old\ninterval: 10s\n");
        _env["LUMEN_HUB_URL"] = "http://new.lan:8090";
        _env["LUMEN_AGENT_INTERVAL"] = "30s";

        var options = Load();

        Assert.Equal(new Uri("http://new.lan:8090"), options.HubUrl);
        Assert.Equal(("lum_old", TimeSpan.FromSeconds(30)), (options.Token, options.Interval));
    }

    [Fact]
    public void Loader_should_use_the_defaults_of_the_design_when_only_the_required_values_are_given()
    {
        _env["LUMEN_HUB_URL"] = "http://127.0.0.1:8090";
        _env["LUMEN_AGENT_TOKEN"] = "lum_x";

        var options = Load();

        Assert.Equal(("this-machine", TimeSpan.FromSeconds(5), "/"), (options.Host, options.Interval, options.DiskPath));
        Assert.Equal((TimeSpan.FromHours(24), 10), (options.BufferMaxAge, options.BufferDrain));
        Assert.Empty(options.ExtraFilesystems);
    }

    [Fact]
    public void Loader_should_read_extra_filesystems_as_comma_separated_paths_from_the_environment_or_the_file()
    {
        File.WriteAllText(ConfigPath, "hub_url: http://hub.lan\ntoken: lum_x\nextra_filesystems: /mnt/nas\n");

        Assert.Equal(["/mnt/nas"], Load().ExtraFilesystems);

        _env["LUMEN_AGENT_EXTRA_FILESYSTEMS"] = " /srv/media, /mnt/backup/daily ,";
        Assert.Equal(["/srv/media", "/mnt/backup/daily"], Load().ExtraFilesystems);
    }

    [Fact]
    public void Loader_should_refuse_a_relative_extra_filesystem_naming_it()
    {
        _env["LUMEN_HUB_URL"] = "http://hub.lan";
        _env["LUMEN_AGENT_TOKEN"] = "lum_x";
        _env["LUMEN_AGENT_EXTRA_FILESYSTEMS"] = "/srv/media,data";

        Assert.Contains(Refused().Problems, p => p.StartsWith("LUMEN_AGENT_EXTRA_FILESYSTEMS (extra_filesystems) 'data' must be an absolute path"));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("false", null, false)]
    [InlineData("FALSE", null, false)]
    [InlineData(null, "false", false)]
    [InlineData("true", "false", true)]
    public void Loader_should_let_processes_be_sent_unless_the_environment_or_the_file_says_false(string? env, string? file, bool expected)
    {
        File.WriteAllText(ConfigPath, "hub_url: https://hub.lan\ntoken: lum_x\n" + (file is null ? "" : $"processes: {file}\n"));
        if (env is not null) _env["LUMEN_AGENT_PROCESSES"] = env;

        Assert.Equal(expected, Load().Processes);
    }

    [Fact]
    public void Loader_should_refuse_a_processes_value_that_is_not_true_or_false()
    {
        File.WriteAllText(ConfigPath, "hub_url: https://hub.lan\ntoken: lum_x\n");
        _env["LUMEN_AGENT_PROCESSES"] = "off";

        Assert.Contains("LUMEN_AGENT_PROCESSES (processes) 'off' must be true or false", Refused().Problems);
    }

    [Fact]
    public void Loader_should_name_every_missing_required_setting()
    {
        var problems = Refused().Problems;

        Assert.Contains(problems, p => p.StartsWith("LUMEN_HUB_URL (hub_url) is required"));
        Assert.Contains(problems, p => p.StartsWith("LUMEN_AGENT_TOKEN (token) is required"));
    }

    [Theory]
    [InlineData("LUMEN_HUB_URL", "hub.lan:8090", "LUMEN_HUB_URL (hub_url)")]
    [InlineData("LUMEN_HUB_URL", "ftp://hub.lan", "LUMEN_HUB_URL (hub_url)")]
    [InlineData("LUMEN_AGENT_TOKEN", "secret", "LUMEN_AGENT_TOKEN (token) must start with lum_")]
    [InlineData("LUMEN_AGENT_INTERVAL", "1s", "LUMEN_AGENT_INTERVAL (interval) '1s' must be a duration between 2s and 1h")]
    [InlineData("LUMEN_AGENT_INTERVAL", "often", "LUMEN_AGENT_INTERVAL (interval)")]
    [InlineData("LUMEN_AGENT_BUFFER_DRAIN", "0", "LUMEN_AGENT_BUFFER_DRAIN (buffer_drain) '0' must be a whole number")]
    [InlineData("LUMEN_AGENT_BUFFER_MAX_AGE", "90d", "LUMEN_AGENT_BUFFER_MAX_AGE (buffer_max_age)")]
    public void Loader_should_refuse_a_bad_value_naming_the_setting(string variable, string value, string expected)
    {
        _env["LUMEN_HUB_URL"] = "http://127.0.0.1:8090";
        _env["LUMEN_AGENT_TOKEN"] = "lum_x";
        _env[variable] = value;

        Assert.Contains(Refused().Problems, p => p.StartsWith(expected));
    }

    [Fact]
    public void Loader_should_refuse_an_unknown_key_in_the_file()
    {
        File.WriteAllText(ConfigPath, "hub_url: http://hub\ntoken: lum_x\nintervall: 5s\n");

        Assert.Contains(Refused().Problems, p => p.Contains("intervall is not a setting"));
    }

    [Theory]
    [InlineData("hub:\n  url: http://hub\n", ":2: nested values are not supported")]
    [InlineData("just words\n", ":1: expected key: value")]
    [InlineData("token: \"lum_x\ntoken: lum_y\n", ":1: unterminated quote")]
    [InlineData("token: lum_x\ntoken: lum_y\n", ":2: token is set twice")]
    public void Loader_should_refuse_a_malformed_file_naming_the_line(string yaml, string expected)
    {
        File.WriteAllText(ConfigPath, yaml);

        Assert.Contains(Refused().Problems, p => p.Contains(expected));
    }

    [Fact]
    public void FlatYaml_should_keep_a_hash_inside_quotes_and_urls()
    {
        var values = FlatYaml.Parse("token: \"lum_#1\" # comment\nhub_url: http://hub/#frag\n", "agent.yaml");

        Assert.Equal("lum_#1", values["token"]);
        Assert.Equal("http://hub/#frag", values["hub_url"]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class ShippedAgentYamlSpecs
{
    [Fact]
    public void Shipped_agent_yaml_should_load_with_every_key_known_and_valid()
    {
        var path = RepositoryFiles.PathOf(Path.Combine("deploy", "agent.yaml"));

        var options = AgentOptionsLoader.Load(_ => null, path, () => "this-machine");

        Assert.Equal(new Uri("https://hub.example.lan"), options.HubUrl);
        Assert.StartsWith("lum_", options.Token);
    }

    [Fact]
    public void Shipped_agent_yaml_should_name_every_setting_even_if_commented_out()
    {
        var text = RepositoryFiles.ReadText(Path.Combine("deploy", "agent.yaml"));

        foreach (var key in (string[])["hub_url", "token", "host", "interval", "disk_path", "docker_socket", "buffer_path", "buffer_max_age", "buffer_drain"])
            Assert.Contains(key + ":", text);
    }
}
