using System.Net;
using System.Reflection;
using System.Text.Json;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Install;

/// <summary><c>GET /api/version</c>: the hub's release version and the agent version its installer hands out.</summary>
public sealed class VersionApiSpecs : IAsyncDisposable
{
    private readonly HubFactory _hub = new();

    private static string AssemblyVersion =>
        typeof(HubApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private async Task<JsonElement> GetVersionAsync()
    {
        var client = await _hub.SignedInClientAsync();
        var response = await client.GetAsync("/api/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Version_should_report_the_hub_release_without_the_commit_and_the_same_for_agents_when_no_VERSION_file_ships()
    {
        var version = await GetVersionAsync();

        Assert.Equal(["hub_version", "latest_agent_version"], version.EnumerateObject().Select(p => p.Name));
        var hub = version.GetProperty("hub_version").GetString();
        Assert.Equal(AssemblyVersion, hub);
        Assert.Matches(@"^\d+\.\d+\.\d+", hub);
        Assert.DoesNotContain("+", hub);
        Assert.Equal(hub, version.GetProperty("latest_agent_version").GetString());
    }

    [Fact]
    public async Task Version_should_report_the_VERSION_file_beside_the_agent_binaries_as_the_latest_agent()
    {
        var folder = Path.Combine(_hub.Database.Folder, "agents");
        FakeAgentBinaries.WriteInto(folder);
        File.WriteAllText(Path.Combine(folder, "VERSION"), "0.2.1+8e6f502aa\n");
        _hub.With("LUMEN_HUB_INSTALL_DIR", folder);

        var version = await GetVersionAsync();

        Assert.Equal("0.2.1", version.GetProperty("latest_agent_version").GetString());
        Assert.Equal(AssemblyVersion, version.GetProperty("hub_version").GetString());
    }

    [Fact]
    public async Task Version_should_fall_back_to_the_hub_version_when_the_VERSION_file_holds_no_version()
    {
        var folder = Path.Combine(_hub.Database.Folder, "agents");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "VERSION"), "<script>alert(1)</script>\n");
        _hub.With("LUMEN_HUB_INSTALL_DIR", folder);

        var version = await GetVersionAsync();

        Assert.Equal(AssemblyVersion, version.GetProperty("latest_agent_version").GetString());
    }

    [Fact]
    public async Task Version_should_answer_401_json_without_a_session()
    {
        var response = await _hub.CreateClient().GetAsync("/api/version");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
