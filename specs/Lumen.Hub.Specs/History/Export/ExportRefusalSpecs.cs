using System.Net;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.History.Export.ExportHub;

namespace Lumen.Hub.Specs.History.Export;

/// <summary>The exports refuse what the JSON route refuses, in its words, and nothing without a session.</summary>
public sealed class ExportRefusalSpecs
{
    [Theory]
    [InlineData("csv", "from=yesterday")]
    [InlineData("parquet", "to=2026-13-01T00:00:00Z")]
    [InlineData("csv", "step=fast")]
    [InlineData("parquet", "step=2s")]
    [InlineData("csv", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("parquet", "from=2024-01-01T00:00:00Z&to=2026-01-03T00:00:00Z")]
    public async Task Export_should_refuse_with_400_and_the_json_routes_message(string extension, string query)
    {
        var (hub, browser, nas) = await HubWithNasAsync();
        await using var _ = hub;

        var json = await (await browser.GetAsync($"/api/hosts/{nas.Value}/metrics?{query}")).AssertApiErrorAsync(HttpStatusCode.BadRequest);
        var export = await (await browser.GetAsync($"/api/hosts/{nas.Value}/metrics.{extension}?{query}")).AssertApiErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal(json, export);
    }

    [Theory]
    [InlineData("csv", "999")]
    [InlineData("parquet", "999")]
    [InlineData("csv", "nas")]
    [InlineData("parquet", "nas")]
    public async Task Export_should_answer_404_for_an_unknown_host(string extension, string id)
    {
        var (hub, browser, _) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await browser.GetAsync($"/api/hosts/{id}/metrics.{extension}");

        Assert.Equal($"no host with id '{id}'", await response.AssertApiErrorAsync(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Export_should_answer_401_without_a_session(string extension)
    {
        var (hub, _, nas) = await HubWithNasAsync();
        await using var __ = hub;

        var response = await hub.CreateClient().GetAsync($"/api/hosts/{nas.Value}/metrics.{extension}");

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }
}
