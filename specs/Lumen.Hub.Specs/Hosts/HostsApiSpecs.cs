using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>Host administration through the browser API, against the real hub and its SQLite file.</summary>
public sealed class HostsApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<(long Id, string Token)> AddAsync(string name)
    {
        var response = await _admin.PostAsJsonAsync("/api/hosts", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("host").GetProperty("id").GetInt64(), body.GetProperty("token").GetString()!);
    }

    private async Task<JsonElement> HostAsync(long id) =>
        (await _admin.GetFromJsonAsync<JsonElement[]>("/api/hosts"))!.Single(h => h.GetProperty("id").GetInt64() == id);

    [Fact]
    public async Task Add_should_answer_201_with_the_host_and_a_token_that_works_at_once()
    {
        var response = await _admin.PostAsJsonAsync("/api/hosts", new { name = "nas" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.Matches("^lum_[0-9a-f]{64}$", token);
        Assert.Equal("nas", body.GetProperty("host").GetProperty("name").GetString());
        Assert.False(body.GetProperty("host").GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("host").GetProperty("last_seen_at").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.AgentClient(token).PostAsync("/api/ingest", Frames.Content(0))).StatusCode);
    }

    [Fact]
    public async Task List_should_show_a_reporting_host_online_with_its_system_facts_and_never_its_token()
    {
        var (id, token) = await AddAsync("pi");
        var withSystem = Frames.Json(0).TrimEnd().TrimEnd('}') + ""","system":{"os":"Debian GNU/Linux 13","hostname":"pi","kernel":"6.12.0","arch":"arm64"}}""";
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.AgentClient(token).PostAsync("/api/ingest", Frames.Content(withSystem))).StatusCode);

        var raw = await _admin.GetStringAsync("/api/hosts");
        var host = await HostAsync(id);

        Assert.True(host.GetProperty("online").GetBoolean());
        Assert.EndsWith("Z", host.GetProperty("last_seen_at").GetString());
        Assert.Equal(JsonValueKind.Object, host.GetProperty("tags").ValueKind);
        Assert.Equal("arm64", host.GetProperty("system").GetProperty("arch").GetString());
        Assert.DoesNotContain(token, raw);
        Assert.DoesNotContain("token", raw);
    }

    [Theory]
    [InlineData("""{"name":""}""", "must not be empty")]
    [InlineData("""{"name":"bad name"}""", "may only hold")]
    [InlineData("""{"name":"-leading"}""", "must start with")]
    [InlineData("""{"name":42}""", "'name'")]
    [InlineData("""{"host":"pi"}""", "unknown field")]
    public async Task Add_should_refuse_a_bad_name_naming_the_problem(string body, string expected)
    {
        var response = await _admin.PostAsync("/api/hosts", Frames.Content(body));

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Add_should_answer_409_for_a_duplicate_name_in_any_case()
    {
        await AddAsync("pi");

        var response = await _admin.PostAsJsonAsync("/api/hosts", new { name = "PI" });

        Assert.Contains("already exists", await response.AssertApiErrorAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Rotate_should_kill_the_old_token_before_it_answers()
    {
        var (id, old) = await AddAsync("pi");

        var response = await _admin.PostAsync($"/api/hosts/{id}/rotate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.NotEqual(old, renewed);
        await (await _hub.AgentClient(old).PostAsync("/api/ingest", Frames.Content(1))).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.AgentClient(renewed).PostAsync("/api/ingest", Frames.Content(2))).StatusCode);
    }

    [Fact]
    public async Task Delete_should_kill_the_token_and_evict_the_live_state_before_it_answers()
    {
        var (id, token) = await AddAsync("pi");
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.AgentClient(token).PostAsync("/api/ingest", Frames.Content(0))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/hosts/{id}")).StatusCode);

        await (await _hub.AgentClient(token).PostAsync("/api/ingest", Frames.Content(1))).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(await _admin.GetFromJsonAsync<JsonElement[]>("/api/hosts") ?? [], h => h.GetProperty("id").GetInt64() == id);
        var hosts = await _hub.Services.GetRequiredService<ActorRegistry>().GetAsync<HostsActor>();
        await Eventually.TrueAsync(async () =>
            (await hosts.Ask<HostLiveView>(new HostQueries.GetLiveSnapshot(new HostId(id)))).Snapshot is null, "the host's live state to be gone");
        var presence = await hosts.Ask<HostPresenceView>(HostQueries.GetPresence.Instance);
        Assert.False(presence.Hosts.ContainsKey(new HostId(id)));
    }

    [Fact]
    public async Task Unknown_host_ids_should_answer_404_json()
    {
        await (await _admin.DeleteAsync("/api/hosts/9999")).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.PostAsync("/api/hosts/9999/rotate", null)).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.PutAsJsonAsync("/api/hosts/9999/tags", new { tags = new { } })).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/hosts/not-a-number")).AssertApiErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tags_should_replace_the_set_and_show_in_the_list()
    {
        var (id, _) = await AddAsync("pi");

        var response = await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags = new Dictionary<string, string> { ["env"] = "home", ["rack.shelf"] = "2" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tags = (await HostAsync(id)).GetProperty("tags");
        Assert.Equal("home", tags.GetProperty("env").GetString());
        Assert.Equal("2", tags.GetProperty("rack.shelf").GetString());

        await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags = new Dictionary<string, string>() });
        Assert.Empty((await HostAsync(id)).GetProperty("tags").EnumerateObject());
    }

    [Theory]
    [InlineData("""{"tags":{"bad key":"x"}}""", "may only hold")]
    [InlineData("""{"tags":{"env":"a=b"}}""", "may not contain '=' or ','")]
    [InlineData("""{"tags":{"env":"a,b"}}""", "may not contain '=' or ','")]
    [InlineData("""{"tags":{"env":5}}""", "'tags.env'")]
    [InlineData("""{"tags":{"env":null}}""", "needs a string value")]
    [InlineData("""{}""", "tags is required")]
    public async Task Tags_should_refuse_bad_tags_naming_the_problem(string body, string expected)
    {
        var (id, _) = await AddAsync("pi");

        var response = await _admin.PutAsync($"/api/hosts/{id}/tags", Frames.Content(body));

        Assert.Contains(expected, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Tags_should_refuse_more_than_32_or_overlong_ones()
    {
        var (id, _) = await AddAsync("pi");
        var many = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v");

        Assert.Contains("at most 32", await (await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags = many })).AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Contains("longer than 128", await (await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags = new Dictionary<string, string> { ["k"] = new string('v', 129) } })).AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Contains("1 to 64", await (await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags = new Dictionary<string, string> { [new string('k', 65)] = "v" } })).AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }
}
