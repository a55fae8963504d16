using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Lumen.Faults.Specs.Support;

/// <summary>The browser side of the hub: a signed-in session (the <c>lumen_session</c> cookie) and its API calls.</summary>
public sealed class HubApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly CookieContainer _cookies;

    private HubApi(Uri hub)
    {
        _cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, UseCookies = true })
        {
            BaseAddress = hub,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The session token the hub set, for the specs that tamper with it.</summary>
    public string? SessionToken => _cookies.GetCookies(BaseAddress)["lumen_session"]?.Value;

    public static async Task<HubApi> SignInAsync(Uri hub, string username, string password)
    {
        var api = new HubApi(hub);
        using var response = await api._http.PostAsJsonAsync("/api/login", new { username, password });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            api.Dispose();
            throw new InvalidOperationException($"sign-in as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return api;
    }

    public async Task<JsonArray> HostsAsync()
    {
        using var response = await _http.GetAsync("/api/hosts");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    /// <summary>Sends <paramref name="json"/> (if any) and returns status and body, never throwing for a status.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
