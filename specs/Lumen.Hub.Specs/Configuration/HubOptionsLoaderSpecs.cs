using Lumen.Hub.Configuration;
using Lumen.Hub.Settings;

namespace Lumen.Hub.Specs.Configuration;

/// <summary>Start-up configuration: defaults when unset, a refusal naming the variable when wrong.</summary>
public sealed class HubOptionsLoaderSpecs
{
    private static HubOptions Load(params (string Key, string Value)[] environment)
    {
        var values = environment.ToDictionary(e => e.Key, e => e.Value);
        // Never probe the real /var/lib/lumen from a spec.
        return HubOptionsLoader.Load(values.GetValueOrDefault, folderIsWritable: _ => true);
    }

    [Fact]
    public void Load_should_use_the_documented_defaults_when_nothing_is_set()
    {
        var options = Load();

        Assert.Equal("http://0.0.0.0:8090", options.ListenUrl);
        Assert.Equal(HubOptionsLoader.DefaultDatabasePath, options.DatabasePath);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Batcher.FlushEvery);
        Assert.Equal(5000, options.Batcher.FlushSize);
        Assert.Equal(50_000, options.Batcher.QueueCapacity);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SettingDefaults.Values["agent_interval"]);
    }

    [Fact]
    public void Load_should_fall_back_to_a_local_data_folder_when_the_default_folder_is_not_writable()
    {
        var options = HubOptionsLoader.Load(_ => null, folderIsWritable: _ => false);

        Assert.True(options.DatabasePathIsFallback);
        Assert.Equal(Path.GetFullPath(HubOptionsLoader.FallbackDatabasePath), options.DatabasePath);
    }

    [Theory]
    [InlineData("LUMEN_HUB_ADDR", "nope")]
    [InlineData("LUMEN_HUB_ADDR", ":99999")]
    [InlineData("LUMEN_HUB_RETENTION_WINDOW", "2m")]
    [InlineData("LUMEN_HUB_RETENTION_WINDOW", "forever")]
    [InlineData("LUMEN_HUB_AGENT_INTERVAL", "1s")]
    [InlineData("LUMEN_HUB_BATCH_FLUSH_EVERY", "10ms")]
    [InlineData("LUMEN_HUB_BATCH_FLUSH_SIZE", "0")]
    [InlineData("LUMEN_HUB_BATCH_QUEUE_SIZE", "lots")]
    [InlineData("LUMEN_HUB_STREAM_INTERVAL", "1h")]
    [InlineData("LUMEN_HUB_PUBLIC_URL", "hub.example.lan")]
    [InlineData("LUMEN_HUB_PUBLIC_URL", "https://hub.example.lan/?x=1")]
    [InlineData("LUMEN_HUB_INSTALL_DIR", "/nonexistent/lumen-agents")]
    [InlineData("LUMEN_HUB_STREAM_INTERVAL", "500ms")]
    [InlineData("LUMEN_HUB_TRUST_PROXY", "maybe")]
    public void Load_should_refuse_naming_the_variable_when_a_value_is_bad(string variable, string value)
    {
        var refused = Assert.Throws<HubConfigurationException>(() => Load((variable, value)));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains(variable, problem);
        Assert.Contains(value, problem);
        Assert.Contains(variable, refused.Message);
    }

    [Theory]
    [InlineData("LUMEN_HUB_SECRET", "too-short-a-secret")]
    [InlineData("LUMEN_HUB_ADMIN_USERNAME", "root")]
    public void Load_should_refuse_account_settings_that_would_be_unsafe_or_half_given(string variable, string value)
    {
        var refused = Assert.Throws<HubConfigurationException>(() => Load((variable, value)));

        Assert.Contains(variable, Assert.Single(refused.Problems));
    }

    [Fact]
    public void Load_should_refuse_a_short_seed_admin_password_without_echoing_it()
    {
        var refused = Assert.Throws<HubConfigurationException>(() => Load(("LUMEN_HUB_ADMIN_USERNAME", "root"), ("LUMEN_HUB_ADMIN_PASSWORD", "hunter2")));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("LUMEN_HUB_ADMIN_PASSWORD", problem);
        Assert.DoesNotContain("hunter2", refused.Message);
    }

    [Fact]
    public void Options_should_never_print_the_secret_or_seed_password()
    {
        var options = Load(("LUMEN_HUB_SECRET", new string('s', 40)), ("LUMEN_HUB_ADMIN_USERNAME", "root"), ("LUMEN_HUB_ADMIN_PASSWORD", "a secret password"));

        Assert.DoesNotContain("sssssss", options.ToString());
        Assert.DoesNotContain("a secret password", options.ToString());
    }

    [Fact]
    public void Load_should_name_every_bad_variable_when_several_are_wrong()
    {
        var refused = Assert.Throws<HubConfigurationException>(() =>
            Load(("LUMEN_HUB_RETENTION_WINDOW", "2m"), ("LUMEN_HUB_ADDR", "nope")));

        Assert.Equal(2, refused.Problems.Count);
        Assert.Contains("LUMEN_HUB_RETENTION_WINDOW", refused.Message);
        Assert.Contains("LUMEN_HUB_ADDR", refused.Message);
    }

    [Fact]
    public void Load_should_take_the_values_when_they_are_in_bounds()
    {
        var options = Load(
            ("LUMEN_HUB_ADDR", "127.0.0.1:9000"),
            ("LUMEN_HUB_RETENTION_WINDOW", "0"),
            ("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms"),
            ("LUMEN_HUB_BATCH_FLUSH_SIZE", "100"));

        Assert.Equal("http://127.0.0.1:9000", options.ListenUrl);
        Assert.Equal(TimeSpan.Zero, options.SettingDefaults.Values["retention_window"]);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Batcher.FlushEvery);
        Assert.Equal(100, options.Batcher.FlushSize);
    }

    [Fact]
    public void Load_should_look_for_agent_binaries_beside_the_database_when_no_install_folder_is_set()
    {
        var options = Load(("LUMEN_HUB_DB_PATH", "/srv/lumen/lumen.db"));

        Assert.Equal("/srv/lumen/install", options.Install.AgentFolder);
        Assert.Null(options.Install.PublicUrl);
    }

    [Fact]
    public void Load_should_take_the_install_folder_and_public_url_when_they_are_valid()
    {
        var folder = Path.GetTempPath();

        var options = Load(("LUMEN_HUB_INSTALL_DIR", folder), ("LUMEN_HUB_PUBLIC_URL", "https://hub.example.lan:8443/"));

        Assert.Equal(Path.GetFullPath(folder), options.Install.AgentFolder);
        Assert.Equal("https://hub.example.lan:8443", options.Install.PublicUrl);
    }

    [Fact]
    public void Load_should_stream_every_5s_and_distrust_forwarded_headers_by_default()
    {
        var options = Load();

        Assert.Equal(TimeSpan.FromSeconds(5), options.StreamInterval);
        Assert.False(options.TrustProxy);
    }

    [Fact]
    public void Load_should_take_the_stream_interval_and_proxy_trust_when_set()
    {
        var options = Load(("LUMEN_HUB_STREAM_INTERVAL", "2s"), ("LUMEN_HUB_TRUST_PROXY", "true"));

        Assert.Equal(TimeSpan.FromSeconds(2), options.StreamInterval);
        Assert.True(options.TrustProxy);
    }
}
