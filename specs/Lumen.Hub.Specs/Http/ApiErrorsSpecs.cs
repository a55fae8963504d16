using System.Net;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Http;

/// <summary>Bodiless errors under /api/ still answer the JSON error shape of design §4.</summary>
public sealed class ApiErrorsSpecs(HubFactory hub) : IClassFixture<HubFactory>
{
    [Fact]
    public async Task Api_should_answer_a_json_404_when_the_route_is_unknown()
    {
        var response = await hub.CreateClient().GetAsync("/api/no-such-thing");

        var error = await response.AssertApiErrorAsync(HttpStatusCode.NotFound);
        Assert.Contains("/api/no-such-thing", error);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Ingest_should_answer_a_json_405_when_the_method_is_not_post(string method)
    {
        var response = await hub.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/ingest"));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains(method, error);
    }
}
