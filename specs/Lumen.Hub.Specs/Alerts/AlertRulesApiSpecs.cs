using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Alerts;

/// <summary><c>/api/alerts/rules</c> on the real hub: the Go hub's routes and fields, and the bodies it refuses.</summary>
public sealed class AlertRulesApiSpecs
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task New_hub_should_have_one_enabled_critical_host_offline_rule()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var rule = Assert.Single((await JsonAsync(await browser.GetAsync("/api/alerts/rules"))).EnumerateArray());

        Assert.Equal(("Host offline", "offline", 120, "critical", true),
            (rule.GetProperty("name").GetString(), rule.GetProperty("metric").GetString(), rule.GetProperty("for_seconds").GetInt32(),
             rule.GetProperty("severity").GetString(), rule.GetProperty("enabled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("host").ValueKind);
    }

    [Fact]
    public async Task Rule_should_be_created_listed_updated_and_deleted_with_the_go_hubs_fields()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var created = await browser.PostAsync("/api/alerts/rules", Body("""
            {"name":" Hot CPU ","metric":"cpu_pct","comparator":"gt","threshold":80,"for_seconds":60,"cooldown_seconds":0,
             "host":"web-*, nas","host_selector":"","severity":"critical"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await JsonAsync(created);
        var id = rule.GetProperty("id").GetInt64();
        Assert.Equal(["id", "name", "metric", "comparator", "threshold", "for_seconds", "cooldown_seconds", "host", "host_selector", "container", "severity", "enabled", "channel_ids", "created_at", "updated_at"],
            rule.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Hot CPU", "web-*,nas", true), (rule.GetProperty("name").GetString(), rule.GetProperty("host").GetString(), rule.GetProperty("enabled").GetBoolean()));

        var updated = await browser.PutAsync($"/api/alerts/rules/{id}", Body("""{"name":"Hot CPU","metric":"cpu_pct","threshold":90,"enabled":false}"""));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal((90.0, false), ((await JsonAsync(updated)).GetProperty("threshold").GetDouble(), (await JsonAsync(updated)).GetProperty("enabled").GetBoolean()));

        var list = await JsonAsync(await browser.GetAsync("/api/alerts/rules"));
        Assert.Equal(id, list[0].GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/alerts/rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.DeleteAsync($"/api/alerts/rules/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x","metric":"fan_rpm","threshold":1}""", "metric 'fan_rpm' is not one of cpu_pct")]
    [InlineData("""{"name":"","metric":"cpu_pct","threshold":1}""", "name must be 1 to 128 characters")]
    [InlineData("""{"name":"x","metric":"cpu_pct"}""", "threshold is required for cpu_pct")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":120}""", "threshold 120 is outside what cpu_pct can be (0 to 100)")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"for_seconds":-1}""", "for_seconds must be between 0 and 86400")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"for_seconds":90000}""", "for_seconds must be between 0 and 86400")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"comparator":"ge"}""", "comparator 'ge' must be gt or lt")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"host":"web-["}""", "host: host pattern 'web-[' has a '[' without its ']'")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"host_selector":"a=b=c"}""", "host_selector: selector pair 'a=b=c' has more than one '='")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"severity":"loud"}""", "severity 'loud' must be info, warning or critical")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"channel_ids":[7]}""", "channel_ids: no channel with id 7")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"container":"web"}""", "container applies to container_down rules only")]
    [InlineData("""{"name":"x","metric":"disk_full_hours","threshold":0}""", "threshold must be the number of hours")]
    [InlineData("""{"name":"x","metric":"cpu_pct","threshold":1,"colour":"red"}""", "colour")]
    public async Task Rule_body_should_be_refused_with_400_naming_what_is_wrong_and_nothing_written(string body, string error)
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var response = await browser.PostAsync("/api/alerts/rules", Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Single((await JsonAsync(await browser.GetAsync("/api/alerts/rules"))).EnumerateArray());
    }

    [Fact]
    public async Task Update_of_a_rule_that_does_not_exist_should_be_404()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var response = await browser.PutAsync("/api/alerts/rules/999", Body("""{"name":"x","metric":"offline"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("rule not found", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Preview_should_name_the_hosts_a_rule_would_watch()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        foreach (var name in new[] { "web-1", "web-2", "nas" }) await hub.AddHostAsync(name);

        var preview = await JsonAsync(await browser.PostAsJsonAsync("/api/alerts/rules/preview", new { host = "web-*" }));

        Assert.Equal(["web-1", "web-2"], preview.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order());
    }
}
