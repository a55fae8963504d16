using System.Net;
using System.Text.RegularExpressions;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Dashboard;

/// <summary>
/// The embedded dashboard: the page at <c>/</c>, client routes falling back to it, hashed
/// assets cached for long, and the API's own 404s left alone by the fallback.
/// </summary>
public sealed partial class DashboardApiSpecs(HubFactory hub) : IClassFixture<HubFactory>
{
    [Fact]
    public async Task Root_should_serve_the_dashboard_page_uncached()
    {
        var response = await hub.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated, so a new hub build reaches browsers");
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/hosts/3")]
    [InlineData("/settings")]
    [InlineData("/alerts")]
    [InlineData("/login")]
    [InlineData("/hosts/3/")]
    public async Task Client_route_should_fall_back_to_the_dashboard_page(string path)
    {
        var client = hub.CreateClient();
        var root = await (await client.GetAsync("/")).Content.ReadAsStringAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(root, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hashed_asset_should_be_served_with_a_year_long_immutable_cache()
    {
        var client = hub.CreateClient();
        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var script = ScriptSource().Match(page);
        Assert.True(script.Success, $"no module script in the page:\n{page}");

        var response = await client.GetAsync(script.Groups[1].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/hosts/3/nope")]
    public async Task Unknown_api_route_should_stay_a_json_404(string path)
    {
        var response = await hub.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/assets/gone-1234abcd.js")]
    [InlineData("/install/lumen-agent-linux-riscv")]
    [InlineData("/healthz/nope")]
    [InlineData("/agents/VERSION")]
    [InlineData("/hosts/3/app.js")]
    public async Task Missing_file_or_reserved_path_should_not_fall_back_to_the_page(string path)
    {
        var response = await hub.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Client_route_should_not_answer_a_post()
    {
        var response = await hub.CreateClient().PostAsync("/hosts/3", new StringContent(""));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("""<script type="module" crossorigin src="([^"]+)"></script>""")]
    private static partial Regex ScriptSource();
}
