using System.Net;
using System.Net.Http.Json;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Accounts;

public sealed class AdminSeedSpecs
{
    [Fact]
    public async Task Hub_should_create_the_admin_from_the_environment_who_can_then_sign_in()
    {
        await using var hub = new HubFactory()
            .With("LUMEN_HUB_ADMIN_USERNAME", "ops")
            .With("LUMEN_HUB_ADMIN_PASSWORD", "seeded password");

        var login = await hub.CreateClient().PostAsJsonAsync("/api/login", new { username = "ops", password = "seeded password" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var register = await hub.CreateClient().PostAsJsonAsync("/api/register", new { username = "other", password = "another password" });
        Assert.Equal(HttpStatusCode.Conflict, register.StatusCode);
    }

    [Fact]
    public async Task Hub_should_leave_an_existing_user_alone_when_the_environment_names_them_again()
    {
        var first = new HubFactory().With("LUMEN_HUB_ADMIN_USERNAME", "ops").With("LUMEN_HUB_ADMIN_PASSWORD", "seeded password");
        var client = first.CreateClient();
        await client.PostAsJsonAsync("/api/login", new { username = "ops", password = "seeded password" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/account/password", new { current = "seeded password", @new = "changed since" })).StatusCode);
        await first.StopAsync();

        await using var restarted = new HubFactory()
            .With("LUMEN_HUB_DB_PATH", first.Database.FilePath)
            .With("LUMEN_HUB_ADMIN_USERNAME", "ops")
            .With("LUMEN_HUB_ADMIN_PASSWORD", "seeded password");

        Assert.Single(restarted.Services.GetRequiredService<UserStore>().List());
        Assert.Equal(HttpStatusCode.Unauthorized, (await restarted.CreateClient().PostAsJsonAsync("/api/login", new { username = "ops", password = "seeded password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().PostAsJsonAsync("/api/login", new { username = "ops", password = "changed since" })).StatusCode);
        first.Database.Dispose();
    }
}
