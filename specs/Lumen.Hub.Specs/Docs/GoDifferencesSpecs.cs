using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Docs;

/// <summary>Each difference from the Go hub that docs/migrating.md lists under "What differs", asked of the real hub.</summary>
public sealed class GoDifferencesSpecs : IAsyncLifetime
{
    private static readonly string GoSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_SECRET", GoSecret);
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A session token as the Go hub issues it (go-lumen-compat §1.4), for user 1, with the same secret.</summary>
    private static string GoSessionToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var claims = Base64Url(Encoding.UTF8.GetBytes($$"""{"uid":1,"iat":{{now}},"exp":{{now + 3600}},"iss":"lumen-hub"}"""));
        var signature = HMACSHA256.HashData(Convert.FromHexString(GoSecret), Encoding.ASCII.GetBytes($"{header}.{claims}"));
        return $"{header}.{claims}.{Base64Url(signature)}";
    }

    [Fact]
    public async Task A_Go_hub_session_should_be_refused_even_with_the_same_secret()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={GoSessionToken()}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _hub.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Hosts_should_answer_409_for_a_taken_name_and_400_for_a_bad_one()
    {
        await _hub.AddHostAsync("nas");

        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("/api/hosts", new { name = "NAS" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsJsonAsync("/api/hosts", new { name = new string('a', 65) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsJsonAsync("/api/hosts", new { name = "no spaces" })).StatusCode);
    }

    [Fact]
    public async Task Register_should_answer_409_once_an_admin_exists()
    {
        var response = await _hub.CreateClient().PostAsJsonAsync("/api/register", new { username = "second", password = "another password" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Password_change_should_answer_403_for_a_wrong_current_password()
    {
        var response = await _admin.PostAsJsonAsync("/api/account/password", new { current = "not the password", @new = "a new password" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Maintenance_should_answer_404_for_an_unknown_id_refuse_unknown_fields_and_list_snake_case()
    {
        var start = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var end = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ");

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/maintenance/987654")).StatusCode);
        var typo = await _admin.PostAsJsonAsync("/api/maintenance", new { start_at = start, end_at = end, reason = "disk swap", scope_tag = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("scope_tag", await ErrorOf(typo));
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/maintenance", new { start_at = start, end_at = end, reason = "disk swap" })).StatusCode);
        var window = (await _admin.GetFromJsonAsync<JsonElement>("/api/maintenance")).GetProperty("windows")[0];
        Assert.All(["id", "start_at", "end_at", "reason", "scope_tags", "host", "recurrence"], key => Assert.True(window.TryGetProperty(key, out _), key));
    }

    [Fact]
    public async Task An_unknown_api_path_should_answer_a_json_404_and_answers_should_end_without_a_newline()
    {
        var response = await _admin.GetAsync("/api/no-such-thing");
        var settings = await _admin.GetStringAsync("/api/settings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no such endpoint: GET /api/no-such-thing", await ErrorOf(response));
        Assert.EndsWith("}", settings);
    }

    [Fact]
    public async Task The_Go_hubs_sso_public_and_api_key_routes_should_answer_404()
    {
        foreach (var path in new[] { "/api/auth/oidc/login", "/api/public/status", "/api/apikeys", "/api/v1/hosts", "/api/admin/hub-stats", "/api/me/prefs" })
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync(path)).StatusCode);
    }
}
