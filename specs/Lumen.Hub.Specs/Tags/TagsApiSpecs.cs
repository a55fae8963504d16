using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Tags;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Tags;

/// <summary>The tag routes and a host's tags against the real hub and its SQLite file.</summary>
public sealed class TagsApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();
    private HttpClient _admin = null!;
    private EventStreamRecorder<TagsChanged> _changes = null!;

    public async Task InitializeAsync()
    {
        _admin = await _hub.SignedInClientAsync();
        _changes = new EventStreamRecorder<TagsChanged>(_hub.Services.GetRequiredService<ActorSystem>());
    }

    public async Task DisposeAsync()
    {
        _changes.Dispose();
        await _hub.DisposeAsync();
    }

    private async Task<long> HostAsync(string name, object tags)
    {
        var id = (await _hub.AddHostAsync(name)).Host.Id.Value;
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/hosts/{id}/tags", new { tags })).StatusCode);
        return id;
    }

    private void Rule(string name, string selector) =>
        _hub.Database.Execute($"INSERT INTO alert_rules (name, metric, host_selector, created_at, updated_at) VALUES ('{name}', 'cpu_pct', '{selector}', 1, 1)");

    private async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToArray();

    [Fact]
    public async Task Add_should_answer_201_with_the_whole_tag_object()
    {
        var tag = await JsonAsync(await _admin.PostAsJsonAsync("/api/tags", new { key = " env ", description = "where it runs", values = new[] { "prod", " home", "prod" } }), HttpStatusCode.Created);

        Assert.Equal(["key", "description", "values", "host_count", "rule_count"], tag.EnumerateObject().Select(property => property.Name));
        Assert.Equal("env", tag.GetProperty("key").GetString());
        Assert.Equal(["home", "prod"], Names(tag.GetProperty("values")));
        Assert.Equal(0, tag.GetProperty("host_count").GetInt32());
        var listed = (await JsonAsync(await _admin.GetAsync("/api/tags"), HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal("where it runs", listed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Add_should_answer_409_for_a_key_that_is_listed()
    {
        await _admin.PostAsJsonAsync("/api/tags", new { key = "env" });

        Assert.Contains("already exists", await (await _admin.PostAsJsonAsync("/api/tags", new { key = "env", values = new[] { "x" } })).AssertApiErrorAsync(HttpStatusCode.Conflict));
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM tag_values"));
    }

    [Theory]
    [InlineData("""{"description":"no key"}""", "key is required")]
    [InlineData("""{"key":"bad key"}""", "key: ")]
    [InlineData("""{"key":"env","values":["ok","a,b","fine"]}""", "values[1]: ")]
    [InlineData("""{"key":"env","values":["ok",""]}""", "values[1] must not be empty")]
    [InlineData("""{"key":"env","values":["ok",null]}""", "values[1] must not be empty")]
    [InlineData("""{"key":"env","colour":"red"}""", "unknown field")]
    public async Task Add_should_refuse_a_bad_body_naming_the_field_and_store_nothing(string body, string error)
    {
        var response = await _admin.PostAsync("/api/tags", Frames.Content(body));

        Assert.Contains(error, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM tags"));
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM tag_values"));
    }

    [Fact]
    public async Task Describe_and_add_value_should_answer_the_tag_object()
    {
        await _admin.PostAsJsonAsync("/api/tags", new { key = "env", values = new[] { "prod" } });

        var described = await JsonAsync(await _admin.PutAsJsonAsync("/api/tags/env", new { description = "stage" }), HttpStatusCode.OK);
        var added = await JsonAsync(await _admin.PostAsJsonAsync("/api/tags/env/values", new { value = "lab" }), HttpStatusCode.OK);

        Assert.Equal("stage", described.GetProperty("description").GetString());
        Assert.Equal(["lab", "prod"], Names(added.GetProperty("values")));
        Assert.Contains("already has", await (await _admin.PostAsJsonAsync("/api/tags/env/values", new { value = "lab" })).AssertApiErrorAsync(HttpStatusCode.Conflict));
        Assert.Contains("value: ", await (await _admin.PostAsJsonAsync("/api/tags/env/values", new { value = "a=b" })).AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Contains("description is longer", await (await _admin.PutAsJsonAsync("/api/tags/env", new { description = new string('d', 257) })).AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Unknown_tags_and_values_should_answer_404_json()
    {
        await _admin.PostAsJsonAsync("/api/tags", new { key = "env", values = new[] { "prod" } });

        await (await _admin.PutAsJsonAsync("/api/tags/role", new { description = "x" })).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/tags/role")).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/tags/role/impact")).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.PostAsJsonAsync("/api/tags/role/values", new { value = "db" })).AssertApiErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("no tag 'role'", await (await _admin.DeleteAsync("/api/tags/role/values/db")).AssertApiErrorAsync(HttpStatusCode.NotFound));
        Assert.Equal("tag 'env' has no value 'lab'", await (await _admin.DeleteAsync("/api/tags/env/values/lab")).AssertApiErrorAsync(HttpStatusCode.NotFound));
        await (await _admin.GetAsync("/api/tags/env/values/lab/impact")).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.PutAsJsonAsync("/api/hosts/9999/tags", new { tags = new { env = "prod" } })).AssertApiErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM tags WHERE key <> 'env'"));
    }

    [Fact]
    public async Task Host_tags_should_stay_free_form_and_join_the_inventory()
    {
        await _admin.PostAsJsonAsync("/api/tags", new { key = "env", values = new[] { "prod" } });

        await HostAsync("nas", new { env = "lab", shelf = "2", gpu = "" });

        var tags = (await JsonAsync(await _admin.GetAsync("/api/tags"), HttpStatusCode.OK)).EnumerateArray().ToDictionary(tag => tag.GetProperty("key").GetString()!);
        Assert.Equal(["lab", "prod"], Names(tags["env"].GetProperty("values")));
        Assert.Equal(["2"], Names(tags["shelf"].GetProperty("values")));
        Assert.Empty(tags["gpu"].GetProperty("values").EnumerateArray());
        Assert.Equal(1, tags["env"].GetProperty("host_count").GetInt32());
    }

    [Fact]
    public async Task Host_tag_counts_should_list_each_pair_with_its_hosts()
    {
        await HostAsync("a", new { env = "prod" });
        await HostAsync("b", new { env = "prod", role = "db" });

        var facets = await JsonAsync(await _admin.GetAsync("/api/host-tags"), HttpStatusCode.OK);

        Assert.Equal("""[{"key":"env","value":"prod","host_count":2},{"key":"role","value":"db","host_count":1}]""", facets.GetRawText());
    }

    [Fact]
    public async Task Delete_should_answer_the_impact_and_clean_hosts_rules_and_values()
    {
        var a = await HostAsync("a", new { env = "prod", role = "db" });
        Rule("prod db", "env=prod,role=db");

        var impact = await JsonAsync(await _admin.GetAsync("/api/tags/env/impact"), HttpStatusCode.OK);
        var deleted = await JsonAsync(await _admin.DeleteAsync("/api/tags/env"), HttpStatusCode.OK);

        Assert.Equal("""{"host_count":1,"rule_count":1,"rule_names":["prod db"]}""", impact.GetRawText());
        Assert.Equal(impact.GetRawText(), deleted.GetRawText());
        Assert.Equal("role=db", _hub.Database.String("SELECT host_selector FROM alert_rules WHERE name = 'prod db'"));
        Assert.Equal("""{"role":"db"}""", _hub.Database.String($"SELECT tags_json FROM hosts WHERE id = {a}"));
        Assert.Equal(0, _hub.Database.Scalar("SELECT count(*) FROM tag_values WHERE tag_key = 'env'"));
    }

    [Fact]
    public async Task Delete_value_should_answer_the_impact_of_that_pair_only()
    {
        await HostAsync("a", new { env = "prod" });
        var b = await HostAsync("b", new { env = "home" });
        Rule("prod", "env=prod");

        var impact = await JsonAsync(await _admin.GetAsync("/api/tags/env/values/prod/impact"), HttpStatusCode.OK);
        var deleted = await JsonAsync(await _admin.DeleteAsync("/api/tags/env/values/prod"), HttpStatusCode.OK);

        Assert.Equal("""{"host_count":1,"rule_count":1,"rule_names":["prod"]}""", impact.GetRawText());
        Assert.Equal(impact.GetRawText(), deleted.GetRawText());
        Assert.Equal("""{"env":"home"}""", _hub.Database.String($"SELECT tags_json FROM hosts WHERE id = {b}"));
        Assert.Equal(["home"], Names((await JsonAsync(await _admin.GetAsync("/api/tags"), HttpStatusCode.OK))[0].GetProperty("values")));
    }

    [Fact]
    public async Task Paths_should_reach_a_value_holding_a_slash()
    {
        await HostAsync("a", new { mount = "/srv/data" });

        var impact = await JsonAsync(await _admin.GetAsync("/api/tags/mount/values/%2Fsrv%2Fdata/impact"), HttpStatusCode.OK);

        Assert.Equal(1, impact.GetProperty("host_count").GetInt32());
    }

    [Fact]
    public async Task Changes_to_what_hosts_carry_or_rules_select_should_be_published_and_refusals_not()
    {
        var a = await HostAsync("a", new { env = "prod", role = "db" });
        await _admin.DeleteAsync("/api/tags/env/values/prod");
        await _admin.DeleteAsync("/api/tags/role");
        await _admin.DeleteAsync("/api/tags/role");
        await _admin.PutAsync($"/api/hosts/{a}/tags", Frames.Content("""{"tags":{"bad key":"x"}}"""));
        await _admin.PostAsJsonAsync("/api/tags", new { key = "zone", values = new[] { "b" } });

        await _changes.CountIsAsync(3);
    }
}
