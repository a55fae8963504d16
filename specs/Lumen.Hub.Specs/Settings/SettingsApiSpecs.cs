using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Settings;

public sealed class SettingsApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Get_should_list_every_duration_setting_as_a_go_duration_and_the_processes_settings_with_their_types()
    {
        var settings = await _admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/settings");

        Assert.Equal(new Dictionary<string, string>
        {
            ["retention_window"] = "24h", ["retention_interval"] = "1h", ["agent_interval"] = "5s",
            ["downsample_bucket_size"] = "5m", ["downsample_hot_window"] = "24h", ["downsample_archive_window"] = "8760h",
            ["retention_alerts_window"] = "720h",
            ["processes_enabled"] = "false", ["processes_top_n"] = "10", ["processes_sort_by"] = "\"cpu\"", ["processes_redact_regex"] = "\"\"",
        }, settings!.ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String && !p.Key.StartsWith("processes_") ? p.Value.GetString()! : p.Value.GetRawText()));
    }

    [Fact]
    public async Task Put_should_store_a_subset_and_answer_the_full_effective_set_which_the_agent_policy_follows()
    {
        var response = await _admin.PutAsJsonAsync("/api/settings", new { agent_interval = "10s", retention_window = "48h" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal("10s", settings!["agent_interval"].GetString());
        Assert.Equal("48h", settings["retention_window"].GetString());
        Assert.Equal(Lumen.Hub.Settings.SettingDefinitions.All.Count + Lumen.Hub.Settings.TextSettingDefinitions.All.Count, settings.Count);
        var agent = _hub.AgentClient((await _hub.AddHostAsync("pi")).Token);
        var policy = await agent.GetFromJsonAsync<JsonElement>("/api/agent/policy");
        Assert.Equal("10s", policy.GetProperty("collection_interval").GetString());
    }

    [Fact]
    public async Task Put_should_take_downsample_hot_window_as_another_name_of_retention_window()
    {
        var response = await _admin.PutAsJsonAsync("/api/settings", new { downsample_hot_window = "72h" });

        var settings = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal(("72h", "72h"), (settings!["retention_window"].GetString(), settings["downsample_hot_window"].GetString()));
        response = await _admin.PutAsJsonAsync("/api/settings", new { retention_window = "36h" });
        settings = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal(("36h", "36h"), (settings!["retention_window"].GetString(), settings["downsample_hot_window"].GetString()));
    }

    [Theory]
    [InlineData("""{"retention_window":"48h","downsample_hot_window":"72h"}""", "downsample_hot_window is another name of retention_window")]
    [InlineData("""{"retention_window":"30d","downsample_archive_window":"7d"}""", "must not be longer than downsample_archive_window")]
    [InlineData("""{"downsample_bucket_size":"90s"}""", "downsample_bucket_size must be a whole number of minutes")]
    [InlineData("""{"agent_interval":"1s"}""", "agent_interval must be between 2s and 1h")]
    [InlineData("""{"retention_window":"soon"}""", "retention_window")]
    [InlineData("""{"agent_interval":5}""", "agent_interval must be a duration string")]
    [InlineData("""{"colour":"blue"}""", "'colour' is not a setting")]
    [InlineData("""[1,2]""", "not a valid JSON object")]
    public async Task Put_should_refuse_a_bad_value_naming_the_key_and_its_bounds_and_change_nothing(string body, string expected)
    {
        var before = await _admin.GetStringAsync("/api/settings");

        var response = await _admin.PutAsync("/api/settings", Frames.Content(body));

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await _admin.GetStringAsync("/api/settings"));
    }

    /// <summary>Found by the faults suite's fuzzing: these were a 500 (the string was only decoded after parsing).</summary>
    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28, 0xFF }, "agent_interval is not valid text")]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' }, "agent_interval is not valid text")]
    public async Task Put_should_refuse_a_value_that_is_not_valid_text_with_a_400(byte[] value, string expected)
    {
        byte[] body = [.. "{\"agent_interval\":\""u8, .. value, .. "\"}"u8];
        var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var response = await _admin.PutAsync("/api/settings", content);

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Put_should_refuse_a_key_that_is_not_valid_text_with_a_400()
    {
        byte[] body = [.. "{\""u8, 0xC3, 0x28, .. "\":\"5s\"}"u8];
        var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var response = await _admin.PutAsync("/api/settings", content);

        await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Put_should_write_nothing_when_one_of_several_values_is_bad()
    {
        var response = await _admin.PutAsJsonAsync("/api/settings", new { agent_interval = "10s", retention_interval = "2d" });

        await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("5s", (await _admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/settings"))!["agent_interval"].GetString());
    }

    [Fact]
    public async Task Put_should_accept_zero_to_switch_retention_off()
    {
        var settings = await (await _admin.PutAsJsonAsync("/api/settings", new { retention_window = "0" })).Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();

        Assert.Equal("0", settings!["retention_window"].GetString());
    }

    [Fact]
    public async Task Put_should_leave_a_setting_given_as_empty_text_unchanged_as_the_Go_hub_does()
    {
        await _admin.PutAsJsonAsync("/api/settings", new { retention_alerts_window = "48h", agent_interval = "10s", processes_top_n = 20, processes_redact_regex = "token=\\S+" });

        var response = await _admin.PutAsJsonAsync("/api/settings", new
        {
            retention_window = "", retention_interval = "", retention_alerts_window = "", agent_interval = "",
            downsample_bucket_size = "", downsample_hot_window = "", downsample_archive_window = "36h",
            processes_enabled = "", processes_top_n = "", processes_sort_by = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal("48h", settings!["retention_alerts_window"].GetString());
        Assert.Equal("10s", settings["agent_interval"].GetString());
        Assert.Equal("24h", settings["retention_window"].GetString());
        Assert.Equal("36h", settings["downsample_archive_window"].GetString());
        Assert.Equal(20, settings["processes_top_n"].GetInt32());
        Assert.Equal("token=\\S+", settings["processes_redact_regex"].GetString());
    }

    [Fact]
    public async Task Put_should_take_empty_text_as_no_pattern_for_the_redact_regex_and_refuse_it_for_an_unknown_key()
    {
        await _admin.PutAsJsonAsync("/api/settings", new { processes_redact_regex = "secret" });

        var cleared = await (await _admin.PutAsJsonAsync("/api/settings", new { processes_redact_regex = "" })).Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        var unknown = await _admin.PutAsJsonAsync("/api/settings", new { retention_alert_window = "" });

        Assert.Equal("", cleared!["processes_redact_regex"].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'retention_alert_window' is not a setting", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Put_should_store_retention_alerts_window_which_the_alert_sweep_reads()
    {
        var settings = await (await _admin.PutAsJsonAsync("/api/settings", new { retention_alerts_window = "72h" })).Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();

        Assert.Equal("72h", settings!["retention_alerts_window"].GetString());
        Assert.Equal(TimeSpan.FromHours(72), _hub.Services.GetRequiredService<Lumen.Hub.Settings.SettingsStore>().Read().RetentionAlertsWindow);
    }
}
