using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Maintenance;

/// <summary>The maintenance routes against the real hub and its SQLite file; times dated from the clock.</summary>
public sealed class MaintenanceApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private HttpClient _admin = null!;
    private EventStreamRecorder<MaintenanceWindowsChanged> _changes = null!;

    public async Task InitializeAsync()
    {
        _admin = await _hub.SignedInClientAsync();
        _changes = new EventStreamRecorder<MaintenanceWindowsChanged>(_hub.Services.GetRequiredService<ActorSystem>());
    }

    public async Task DisposeAsync()
    {
        _changes.Dispose();
        await _hub.DisposeAsync();
    }

    private static string Rfc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static object Body(DateTimeOffset start, DateTimeOffset end, string reason = "patching", string recurrence = "none", string host = "", object? scope = null) =>
        new { start_at = Rfc(start), end_at = Rfc(end), reason, recurrence, host, scope_tags = scope ?? new { } };

    private async Task<long> AddAsync(object body)
    {
        var response = await _admin.PostAsJsonAsync("/api/maintenance", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<long[]> ListAsync(string query = "") =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/maintenance" + query)).GetProperty("windows").EnumerateArray()
            .Select(window => window.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public async Task Add_should_answer_201_with_the_id_and_list_the_window_whole_in_snake_case()
    {
        var id = await AddAsync(Body(_now.AddHours(1), _now.AddHours(3), "kernel", "weekly", "nas, web-*", new { env = "prod" }));

        var listed = (await _admin.GetFromJsonAsync<JsonElement>("/api/maintenance")).GetProperty("windows").EnumerateArray().Single();

        Assert.Equal(
            ["id", "reason", "start_at", "end_at", "recurrence", "host", "scope_tags", "created_at"],
            listed.EnumerateObject().Select(property => property.Name));
        Assert.Equal(id, listed.GetProperty("id").GetInt64());
        Assert.Equal("kernel", listed.GetProperty("reason").GetString());
        Assert.Equal(Rfc(_now.AddHours(1)), listed.GetProperty("start_at").GetString());
        Assert.Equal(Rfc(_now.AddHours(3)), listed.GetProperty("end_at").GetString());
        Assert.Equal("weekly", listed.GetProperty("recurrence").GetString());
        Assert.Equal("nas,web-*", listed.GetProperty("host").GetString());
        Assert.Equal("prod", listed.GetProperty("scope_tags").GetProperty("env").GetString());
        Assert.EndsWith("Z", listed.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task List_should_filter_by_state()
    {
        var past = await AddAsync(Body(_now.AddHours(-3), _now.AddHours(-2)));
        var active = await AddAsync(Body(_now.AddHours(-1), _now.AddHours(1)));
        var upcoming = await AddAsync(Body(_now.AddHours(2), _now.AddHours(3)));

        Assert.Equal([active], await ListAsync("?state=active"));
        Assert.Equal([upcoming], await ListAsync("?state=upcoming"));
        Assert.Equal([past], await ListAsync("?state=past"));
        Assert.Equal([active, upcoming, past], await ListAsync("?state=all"));
        Assert.Equal([active, upcoming, past], await ListAsync());
        Assert.Contains("state", await (await _admin.GetAsync("/api/maintenance?state=soon")).AssertApiErrorAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task List_should_answer_an_empty_array_when_there_are_no_windows()
    {
        Assert.Equal("""{"windows":[]}""", await _admin.GetStringAsync("/api/maintenance"));
    }

    [Fact]
    public async Task Replace_should_change_an_upcoming_window_whole()
    {
        var id = await AddAsync(Body(_now.AddHours(2), _now.AddHours(3), scope: new { env = "prod" }));

        var response = await _admin.PutAsJsonAsync($"/api/maintenance/{id}", Body(_now.AddHours(4), _now.AddHours(5), "moved", host: "nas"));

        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        var window = (await _admin.GetFromJsonAsync<JsonElement>("/api/maintenance")).GetProperty("windows")[0];
        Assert.Equal(Rfc(_now.AddHours(4)), window.GetProperty("start_at").GetString());
        Assert.Equal("moved", window.GetProperty("reason").GetString());
        Assert.Equal("nas", window.GetProperty("host").GetString());
        Assert.Empty(window.GetProperty("scope_tags").EnumerateObject());
    }

    [Fact]
    public async Task Replace_should_answer_409_when_the_start_of_a_started_window_changes()
    {
        var id = await AddAsync(Body(_now.AddHours(-1), _now.AddHours(1)));

        var moved = await _admin.PutAsJsonAsync($"/api/maintenance/{id}", Body(_now.AddHours(-2), _now.AddHours(1)));

        Assert.Contains("start_at cannot change", await moved.AssertApiErrorAsync(HttpStatusCode.Conflict));
        Assert.Equal(_now.AddHours(-1).ToUnixTimeMilliseconds(), _hub.Database.Scalar($"SELECT start_at FROM maintenance_windows WHERE id = {id}"));
    }

    [Fact]
    public async Task Replace_should_move_the_end_of_a_started_window()
    {
        var id = await AddAsync(Body(_now.AddHours(-1), _now.AddHours(1)));

        var extended = await _admin.PutAsJsonAsync($"/api/maintenance/{id}", Body(_now.AddHours(-1), _now.AddHours(4)));

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(_now.AddHours(4).ToUnixTimeMilliseconds(), _hub.Database.Scalar($"SELECT end_at FROM maintenance_windows WHERE id = {id}"));
    }

    [Fact]
    public async Task Delete_should_answer_ok_then_404_once_the_window_is_gone()
    {
        var id = await AddAsync(Body(_now.AddHours(1), _now.AddHours(2)));

        var deleted = await _admin.DeleteAsync($"/api/maintenance/{id}");

        Assert.Equal("""{"ok":true}""", await deleted.Content.ReadAsStringAsync());
        Assert.Empty(await ListAsync());
        await (await _admin.DeleteAsync($"/api/maintenance/{id}")).AssertApiErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_window_ids_should_answer_404_json()
    {
        await (await _admin.PutAsJsonAsync("/api/maintenance/9999", Body(_now.AddHours(1), _now.AddHours(2)))).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/maintenance/9999")).AssertApiErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/maintenance/not-a-number")).AssertApiErrorAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"end_at":"{end}"}""", "start_at is required")]
    [InlineData("""{"start_at":"{end}","end_at":"{start}"}""", "end_at (")]
    [InlineData("""{"start_at":"{start}","end_at":"{end}","recurrence":"monthly"}""", "recurrence must be")]
    [InlineData("""{"start_at":"{start}","end_at":"{end}","host":"web-[1"}""", "host: ")]
    [InlineData("""{"start_at":"{start}","end_at":"{end}","scope_tags":{"env":"a=b"}}""", "scope_tags: ")]
    [InlineData("""{"start_at":"{start}","end_at":"{end}","scope_tag":{"env":"prod"}}""", "unknown field")]
    [InlineData("""{"start_at":"{start}","end_at":"{end}","reason":5}""", "'reason'")]
    public async Task Writes_should_refuse_a_bad_body_naming_the_field_and_store_nothing(string template, string error)
    {
        var id = await AddAsync(Body(_now.AddHours(1), _now.AddHours(2), "kept"));
        var body = template.Replace("{start}", Rfc(_now.AddHours(5))).Replace("{end}", Rfc(_now.AddHours(6)));

        var added = await _admin.PostAsync("/api/maintenance", Frames.Content(body));
        var replaced = await _admin.PutAsync($"/api/maintenance/{id}", Frames.Content(body));

        Assert.Contains(error, await added.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Contains(error, await replaced.AssertApiErrorAsync(HttpStatusCode.BadRequest));
        Assert.Equal(1, _hub.Database.Scalar("SELECT count(*) FROM maintenance_windows"));
        Assert.Equal("kept", _hub.Database.String("SELECT reason FROM maintenance_windows"));
    }

    [Fact]
    public async Task Writes_should_publish_a_change_each_and_refusals_none()
    {
        var id = await AddAsync(Body(_now.AddHours(1), _now.AddHours(2)));
        await _admin.PutAsJsonAsync($"/api/maintenance/{id}", Body(_now.AddHours(1), _now.AddHours(3)));
        await _admin.PutAsJsonAsync($"/api/maintenance/{id}", Body(_now.AddHours(3), _now.AddHours(1)));
        await _admin.DeleteAsync($"/api/maintenance/{id}");
        await _admin.DeleteAsync($"/api/maintenance/{id}");

        await _changes.CountIsAsync(3);
        Assert.All(_changes.Seen, change => Assert.Same(MaintenanceWindowsChanged.Instance, change));
    }
}
