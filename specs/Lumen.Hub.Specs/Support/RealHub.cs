using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// The real hub binary over a spec's database, on a port of its own, with the spec's admin
/// account: for specs that kill it (SIGKILL) or stop it and start it again.
/// </summary>
public sealed record RealHub(ChildProcess Process, Uri BaseAddress) : IDisposable
{
    /// <param name="settings">environment variables on top of the spec's own (<c>LUMEN_HUB_STREAM_INTERVAL</c>, say).</param>
    public static async Task<RealHub> StartAsync(TempDatabase db, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = db.FilePath,
            ["LUMEN_HUB_ADMIN_USERNAME"] = HubFactory.AdminUsername,
            ["LUMEN_HUB_ADMIN_PASSWORD"] = HubFactory.AdminPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var port = FreePort.BelowEphemeralRange();
        return new RealHub(await HubProcess.StartAsync($"hub-{port}", port, environment, db.Folder), HubProcess.Address(port));
    }

    /// <summary>A browser signed in as the admin.</summary>
    public async Task<HttpClient> SignInAsync()
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        (await browser.PostAsJsonAsync("/api/login", new { username = HubFactory.AdminUsername, password = HubFactory.AdminPassword })).EnsureSuccessStatusCode();
        return browser;
    }

    /// <summary>One frame from the host of <paramref name="token"/>, as its agent would send it.</summary>
    public async Task PostFrameAsync(string token, string cpu, int second)
    {
        using var agent = new HttpClient { BaseAddress = BaseAddress };
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(second, cpuPct: cpu)))).StatusCode);
    }

    public void Dispose() => Process.Dispose();
}
