using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Configuration;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Settings;

/// <summary>
/// The processes' four settings (the Go hub's <c>processes.*</c>): in <c>/api/settings</c> with
/// their JSON types, checked before anything is written, seeded from the environment, and
/// handed to the agents in their policy.
/// </summary>
public sealed class ProcessSettingsSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Settings_should_list_processes_off_ten_by_cpu_without_a_pattern_when_nothing_is_set()
    {
        var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/settings");

        Assert.False(settings.GetProperty("processes_enabled").GetBoolean());
        Assert.Equal(10, settings.GetProperty("processes_top_n").GetInt32());
        Assert.Equal("cpu", settings.GetProperty("processes_sort_by").GetString());
        Assert.Equal("", settings.GetProperty("processes_redact_regex").GetString());
    }

    [Fact]
    public async Task Put_should_store_the_processes_settings_and_the_policy_should_hand_them_to_the_agents()
    {
        var response = await _admin.PutAsJsonAsync("/api/settings",
            new { processes_enabled = true, processes_top_n = 25, processes_sort_by = "rss", processes_redact_regex = @"api[_-]?key=\S+" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(settings.GetProperty("processes_enabled").GetBoolean());
        Assert.Equal(25, settings.GetProperty("processes_top_n").GetInt32());
        Assert.Equal("mem", settings.GetProperty("processes_sort_by").GetString());
        Assert.Equal("5s", settings.GetProperty("agent_interval").GetString());
        var policy = await PolicyAsync();
        Assert.True(policy.GetProperty("processes_enabled").GetBoolean());
        Assert.Equal(25, policy.GetProperty("processes_top_n").GetInt32());
        // The Go hub's word, so a Go agent pointed at this hub sorts the same.
        Assert.Equal("rss", policy.GetProperty("processes_sort_by").GetString());
        Assert.Equal(@"api[_-]?key=\S+", policy.GetProperty("processes_redact_regex").GetString());
    }

    [Fact]
    public async Task Policy_should_leave_the_pattern_out_when_there_is_none_as_the_go_hub_does()
    {
        var policy = await PolicyAsync();

        Assert.False(policy.TryGetProperty("processes_redact_regex", out _));
        Assert.Equal(("cpu", 10), (policy.GetProperty("processes_sort_by").GetString(), policy.GetProperty("processes_top_n").GetInt32()));
    }

    [Theory]
    [InlineData("""{"processes_top_n":0}""", "processes_top_n must be a whole number between 1 and 50")]
    [InlineData("""{"processes_top_n":51}""", "processes_top_n must be a whole number between 1 and 50")]
    [InlineData("""{"processes_top_n":2.5}""", "processes_top_n must be a whole number between 1 and 50")]
    [InlineData("""{"processes_top_n":"10"}""", "processes_top_n must be a whole number")]
    [InlineData("""{"processes_enabled":"yes"}""", "processes_enabled must be true or false")]
    [InlineData("""{"processes_sort_by":"size"}""", "processes_sort_by must be cpu or mem")]
    [InlineData("""{"processes_redact_regex":"(unclosed"}""", "processes_redact_regex must be a regular expression")]
    [InlineData("""{"processes_redact_regex":"(a)\\1"}""", "processes_redact_regex must be a regular expression")]
    [InlineData("""{"processes_redact_regex":"(?<=x)y"}""", "processes_redact_regex must be a regular expression")]
    [InlineData("""{"processes_enabled":true,"processes_redact_regex":5}""", "processes_redact_regex must be a regular expression")]
    public async Task Put_should_refuse_a_bad_processes_value_with_a_400_naming_the_field_and_change_nothing(string body, string expected)
    {
        var before = await _admin.GetStringAsync("/api/settings");

        var response = await _admin.PutAsync("/api/settings", Frames.Content(body));

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await _admin.GetStringAsync("/api/settings"));
    }

    [Fact]
    public async Task Put_should_refuse_a_pattern_longer_than_512_characters()
    {
        var response = await _admin.PutAsJsonAsync("/api/settings", new { processes_redact_regex = new string('a', 513) });

        Assert.Contains("processes_redact_regex must be a regular expression of at most 512 characters", await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Policy_should_follow_the_environment_when_no_processes_setting_is_stored()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_PROCESSES_ENABLED", "true").With("LUMEN_HUB_PROCESSES_TOP_N", "5").With("LUMEN_HUB_PROCESSES_SORT_BY", "mem");

        var policy = await PolicyAsync(hub);

        Assert.True(policy.GetProperty("processes_enabled").GetBoolean());
        Assert.Equal(5, policy.GetProperty("processes_top_n").GetInt32());
        Assert.Equal("rss", policy.GetProperty("processes_sort_by").GetString());
    }

    [Fact]
    public void Loader_should_refuse_bad_processes_variables_naming_each()
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = "/tmp/x.db", ["LUMEN_HUB_PROCESSES_TOP_N"] = "100", ["LUMEN_HUB_PROCESSES_REDACT_REGEX"] = "[",
        };

        var refused = Assert.Throws<HubConfigurationException>(() => HubOptionsLoader.Load(environment.GetValueOrDefault, _ => true));

        Assert.Contains(refused.Problems, p => p.StartsWith("LUMEN_HUB_PROCESSES_TOP_N: processes_top_n must be a whole number between 1 and 50", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("LUMEN_HUB_PROCESSES_REDACT_REGEX: processes_redact_regex must be a regular expression", StringComparison.Ordinal));
    }

    private Task<JsonElement> PolicyAsync() => PolicyAsync(_hub);

    private static async Task<JsonElement> PolicyAsync(HubFactory hub)
    {
        var agent = hub.AgentClient((await hub.AddHostAsync("pi-" + Guid.NewGuid().ToString("N")[..8])).Token);
        return await agent.GetFromJsonAsync<JsonElement>("/api/agent/policy");
    }
}
