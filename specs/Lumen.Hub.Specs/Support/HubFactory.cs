using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Storage;
using Lumen.Specs.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// The real hub in-process, on its own migrated SQLite temp file. Settings are configuration
/// keys named like the environment variables (<c>LUMEN_HUB_BATCH_FLUSH_EVERY</c>, …) and must
/// be given with <see cref="With"/> before the first client or service is asked for.
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings = [];

    public HubFactory()
    {
        _settings["LUMEN_HUB_DB_PATH"] = Database.FilePath;
    }

    public TempDatabase Database { get; } = new();

    /// <summary>Every request as it arrived, before the hub's own middleware.</summary>
    public RequestLog Requests { get; } = new();

    public HubFactory With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    /// <summary>Replaces hub services after the hub registered its own (a tap on an actor, say); before the first client.</summary>
    public HubFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Requests));
        builder.ConfigureTestServices(services => _serviceOverrides.ForEach(configure => configure(services)));
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient AgentClient(string? token)
    {
        var client = CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public const string AdminUsername = "admin";
    public const string AdminPassword = "correct horse battery";

    /// <summary>
    /// A client signed in as the admin (registered by the first call), carrying the session
    /// cookie the way a browser would.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var client = CreateClient();
        var credentials = JsonContent.Create(new { username = AdminUsername, password = AdminPassword });
        var status = await client.GetFromJsonAsync<JsonElement>("/api/setup-status");
        var response = status.GetProperty("admin_exists").GetBoolean()
            ? await client.PostAsync("/api/login", credentials)
            : await client.PostAsync("/api/register", credentials);
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A host store on a connection of its own, as the command line in another process uses.</summary>
    public HostStore Hosts => new(new LumenDatabase(Database.FilePath), TimeProvider.System);

    /// <summary>Adds a host the way the command line does and waits until the running hub knows its token.</summary>
    public async Task<IssuedToken> AddHostAsync(string name)
    {
        var issued = Hosts.Add(name);
        await WhenTokenIsAsync(issued.Token, known: true);
        return issued;
    }

    /// <summary>Waits (bounded) until the hub's token map does or does not know <paramref name="token"/>.</summary>
    private async Task WhenTokenIsAsync(string token, bool known)
    {
        var tokens = Services.GetRequiredService<HostTokens>();
        // Ask for a reload so specs need not wait for the next poll; the poll would also get there.
        var directory = await Services.GetRequiredService<ActorRegistry>().GetAsync<TokenDirectoryActor>();
        directory.Tell(TokenDirectoryActor.Refresh.Instance);
        await Eventually.TrueAsync(() => tokens.TryResolve(token, out _) == known, $"token to be {(known ? "known" : "unknown")} to the hub");
    }

    /// <summary>Stops the hub as Ctrl-C does (the batcher drains) and keeps the database file to look at.</summary>
    public async Task StopAsync() => await base.DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Database.Dispose();
    }
}
