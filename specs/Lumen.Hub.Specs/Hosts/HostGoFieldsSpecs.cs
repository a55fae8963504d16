using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>
/// <c>GET /api/hosts</c> carries the Go hub's <c>metadata_updated_at</c>, <c>silenced_until</c> and
/// <c>public_visible</c> (go-lumen-compat §1.1, §8) with their meaning, across a restart.
/// </summary>
public sealed class HostGoFieldsSpecs
{
    private static string WithSystem(int second) =>
        Frames.Json(second).TrimEnd().TrimEnd('}') + ""","system":{"os":"Debian GNU/Linux 13","hostname":"pi","kernel":"6.12.0","arch":"arm64"}}""";

    private static async Task<JsonElement> HostAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/hosts"))!.Single(h => h.GetProperty("name").GetString() == name);

    private static DateTimeOffset Time(JsonElement host, string field)
    {
        var text = host.GetProperty(field).GetString()!;
        Assert.EndsWith("Z", text);
        return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Hosts_should_carry_metadata_updated_at_from_the_last_frame_with_system_facts_across_a_restart()
    {
        var first = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
        var admin = await first.SignedInClientAsync();
        var pi = await first.AddHostAsync("pi");
        var fresh = await HostAsync(admin, "pi");
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("metadata_updated_at").ValueKind);

        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        Assert.Equal(HttpStatusCode.NoContent, (await first.AgentClient(pi.Token).PostAsync("/api/ingest", Frames.Content(WithSystem(0)))).StatusCode);
        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);
        var live = Time(await HostAsync(admin, "pi"), "metadata_updated_at");
        Assert.InRange(live, before, after);

        // A frame without system facts moves last_seen_at, not metadata_updated_at.
        await Task.Delay(20);
        Assert.Equal(HttpStatusCode.NoContent, (await first.AgentClient(pi.Token).PostAsync("/api/ingest", Frames.Content(1))).StatusCode);
        var later = await HostAsync(admin, "pi");
        Assert.Equal(live, Time(later, "metadata_updated_at"));
        Assert.True(Time(later, "last_seen_at") > live);
        await first.StopAsync();

        await using var restarted = new HubFactory().With("LUMEN_HUB_DB_PATH", first.Database.FilePath);
        var stored = await HostAsync(await restarted.SignedInClientAsync(), "pi");
        Assert.Equal(live.ToUnixTimeMilliseconds(), Time(stored, "metadata_updated_at").ToUnixTimeMilliseconds());
        Assert.Equal("arm64", stored.GetProperty("system").GetProperty("arch").GetString());
        first.Database.Dispose();
    }

    [Fact]
    public async Task Hosts_should_carry_public_visible_as_stored_false_for_a_new_host()
    {
        await using var hub = new HubFactory();
        var admin = await hub.SignedInClientAsync();
        await hub.AddHostAsync("nas");
        await hub.AddHostAsync("pi");
        // What the Go importer writes for a host the Go hub showed on its status page.
        hub.Database.Execute("UPDATE hosts SET public_visible = 1 WHERE name = 'pi';");

        Assert.False((await HostAsync(admin, "nas")).GetProperty("public_visible").GetBoolean());
        Assert.True((await HostAsync(admin, "pi")).GetProperty("public_visible").GetBoolean());
    }

    [Fact]
    public async Task Hosts_should_carry_silenced_until_as_a_utc_time_only_while_it_lies_ahead()
    {
        await using var hub = new HubFactory();
        var admin = await hub.SignedInClientAsync();
        var nas = await hub.AddHostAsync("nas");
        Assert.Equal(JsonValueKind.Null, (await HostAsync(admin, "nas")).GetProperty("silenced_until").ValueKind);

        (await admin.PostAsJsonAsync($"/api/hosts/{nas.Host.Id.Value}/silence", new { seconds = 3600 })).EnsureSuccessStatusCode();
        Assert.InRange(Time(await HostAsync(admin, "nas"), "silenced_until"), DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        // A silence that has ended (stored in the past) is not shown.
        hub.Database.Execute($"UPDATE hosts SET silenced_until = {DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()};");
        Assert.Equal(JsonValueKind.Null, (await HostAsync(admin, "nas")).GetProperty("silenced_until").ValueKind);
    }
}
