using System.Net;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Accounts;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SessionSecretSpecs
{
    private static async Task<HttpStatusCode> MeWith(HubFactory hub, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={token}");
        return (await hub.CreateClient().SendAsync(request)).StatusCode;
    }

    private static async Task<string> IssueAdminSessionAsync(HubFactory hub)
    {
        await hub.SignedInClientAsync();
        var admin = hub.Services.GetRequiredService<UserStore>().FindByName(HubFactory.AdminUsername)!.User;
        return hub.Services.GetRequiredService<SessionTokens>().Issue(admin).Token;
    }

    [Fact]
    public async Task Generated_secret_should_be_private_to_the_hub_user_and_keep_sessions_across_a_restart()
    {
        var first = new HubFactory();
        var token = await IssueAdminSessionAsync(first);
        await first.StopAsync();

        var secretFile = Path.Combine(first.Database.Folder, SessionSecret.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));

        await using (var restarted = new HubFactory().With("LUMEN_HUB_DB_PATH", first.Database.FilePath))
            Assert.Equal(HttpStatusCode.OK, await MeWith(restarted, token));
        first.Database.Dispose();
    }

    [Fact]
    public async Task Configured_secret_should_sign_sessions_and_a_changed_one_should_end_them()
    {
        var first = new HubFactory().With("LUMEN_HUB_SECRET", new string('a', 48));
        var token = await IssueAdminSessionAsync(first);
        await first.StopAsync();
        Assert.False(File.Exists(Path.Combine(first.Database.Folder, SessionSecret.FileName)));

        await using (var same = new HubFactory().With("LUMEN_HUB_DB_PATH", first.Database.FilePath).With("LUMEN_HUB_SECRET", new string('a', 48)))
            Assert.Equal(HttpStatusCode.OK, await MeWith(same, token));
        await using (var changed = new HubFactory().With("LUMEN_HUB_DB_PATH", first.Database.FilePath).With("LUMEN_HUB_SECRET", new string('b', 48)))
            Assert.Equal(HttpStatusCode.Unauthorized, await MeWith(changed, token));
        first.Database.Dispose();
    }
}
