using System.Net;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Http;

public sealed class HealthApiSpecs(HubFactory hub) : IClassFixture<HubFactory>
{
    [Fact]
    public async Task Healthz_should_answer_ok_when_the_hub_is_up()
    {
        var response = await hub.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }
}
