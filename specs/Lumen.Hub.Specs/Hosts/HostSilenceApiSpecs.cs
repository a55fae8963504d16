using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Hosts;

/// <summary><c>POST/DELETE /api/hosts/{id}/silence</c> against the real hub, with a tap on the hosts actor.</summary>
public sealed class HostSilenceApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = HostsActorTap.Install(new HubFactory());
    private HttpClient _admin = null!;
    private HostId _nas;

    public async Task InitializeAsync()
    {
        _admin = await _hub.SignedInClientAsync();
        _nas = (await _hub.AddHostAsync("nas")).Host.Id;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private HostsActorTap Tap => _hub.Services.GetRequiredService<HostsActorTap>();

    private Task<HttpResponseMessage> SilenceAsync(object body, long? id = null) =>
        _admin.PostAsJsonAsync($"/api/hosts/{id ?? _nas.Value}/silence", body);

    private async Task<JsonElement> SilencedUntilInListAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement[]>("/api/hosts"))!.Single(h => h.GetProperty("name").GetString() == "nas").GetProperty("silenced_until");

    private List<HostCommands.SetSilence> Told() => Tap.Seen.OfType<HostCommands.SetSilence>().ToList();

    private static DateTimeOffset Instant(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Silence_should_answer_and_list_the_end_seconds_from_now()
    {
        var before = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var response = await SilenceAsync(new { seconds = 3600 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var silencedUntil = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenced_until");
        Assert.EndsWith("Z", silencedUntil.GetString());
        Assert.InRange(Instant(silencedUntil), before.AddSeconds(3600), DateTimeOffset.UtcNow.AddSeconds(3600));
        Assert.Equal(silencedUntil.GetString(), (await SilencedUntilInListAsync()).GetString());
        Assert.Equal(Instant(silencedUntil).ToUnixTimeSeconds(), _hub.Database.Scalar($"SELECT silenced_until FROM hosts WHERE id = {_nas.Value}"));
    }

    [Fact]
    public async Task Silence_should_take_an_until_and_answer_it_in_utc()
    {
        var until = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 7200).ToOffset(TimeSpan.FromHours(2));

        var response = await SilenceAsync(new { until = until.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenced_until").GetString();
        Assert.Equal(until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), answered);
    }

    [Fact]
    public async Task Silence_should_tell_the_hosts_actor_each_change()
    {
        var set = await SilenceAsync(new { seconds = 600 });
        var until = Instant((await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenced_until"));
        await SilenceAsync(new { seconds = 0 });
        await SilenceAsync(new { seconds = 60 });
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/hosts/{_nas.Value}/silence")).StatusCode);

        // Told before each answer left; the tap may still be passing the last one on.
        await Eventually.TrueAsync(() => Told().Count == 4, "four silences told");
        var told = Told();
        Assert.Equal(new HostCommands.SetSilence(_nas, until), told[0]);
        Assert.Equal(new HostCommands.SetSilence(_nas, null), told[1]);
        Assert.Equal(new HostCommands.SetSilence(_nas, null), told[3]);
    }

    [Fact]
    public async Task Silence_should_be_cleared_by_zero_seconds_and_by_delete()
    {
        await SilenceAsync(new { seconds = 600 });
        var cleared = await SilenceAsync(new { seconds = 0 });

        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenced_until").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await SilencedUntilInListAsync()).ValueKind);

        await SilenceAsync(new { seconds = 600 });
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/hosts/{_nas.Value}/silence")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await SilencedUntilInListAsync()).ValueKind);
        Assert.Equal(1, _hub.Database.Scalar($"SELECT silenced_until IS NULL FROM hosts WHERE id = {_nas.Value}"));
    }

    [Fact]
    public async Task List_should_not_show_a_silence_that_has_ended()
    {
        var ended = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5;
        _hub.Database.Execute($"UPDATE hosts SET silenced_until = {ended} WHERE id = {_nas.Value}");

        Assert.Equal(JsonValueKind.Null, (await SilencedUntilInListAsync()).ValueKind);
    }

    [Theory]
    [InlineData("""{"seconds":-1}""", "seconds must be between 0 and 31536000")]
    [InlineData("""{"seconds":31536001}""", "seconds must be between 0 and 31536000")]
    [InlineData("""{"seconds":1.5}""", "'seconds'")]
    [InlineData("""{"until":"next week"}""", "until 'next week' is not an RFC 3339 time")]
    [InlineData("""{"until":"2001-01-01T00:00:00Z"}""", "must be in the future")]
    [InlineData("""{"minutes":5}""", "unknown field")]
    [InlineData("""{}""", "send seconds")]
    public async Task Silence_should_refuse_a_bad_body_naming_the_field_and_change_nothing(string body, string error)
    {
        await SilenceAsync(new { seconds = 600 });
        await Eventually.TrueAsync(() => Told().Count == 1, "the silence told");
        var stored = _hub.Database.Scalar($"SELECT silenced_until FROM hosts WHERE id = {_nas.Value}");

        var response = await _admin.PostAsync($"/api/hosts/{_nas.Value}/silence", Frames.Content(body));

        Assert.Contains(error, await response.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(stored, _hub.Database.Scalar($"SELECT silenced_until FROM hosts WHERE id = {_nas.Value}"));
        Assert.Single(Told());
    }

    [Fact]
    public async Task Silence_should_answer_404_for_an_unknown_host_and_tell_no_one()
    {
        await (await SilenceAsync(new { seconds = 60 }, id: 9999)).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/hosts/9999/silence")).AssertApiErrorAsync(HttpStatusCode.NotFound);

        Assert.Empty(Told());
    }
}
