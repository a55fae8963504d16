namespace Lumen.Hub.Accounts;

/// <summary>
/// In quickstart, a hub with no admin creates <c>admin</c> with a generated password and prints
/// it once on the console (it is not logged, and never printed again), so a newcomer can sign
/// in straight away.
/// </summary>
public static class QuickstartAdmin
{
    public const string Username = "admin";

    public static async Task RunAsync(IServiceProvider services, TextWriter console)
    {
        var users = services.GetRequiredService<UserStore>();
        if (users.AdminExists()) return;

        var password = Credentials.GeneratePassword();
        var hash = await services.GetRequiredService<PasswordHasher>().HashAsync(password);
        if (users.CreateFirstAdmin(Username, hash) is null) return;

        await console.WriteLineAsync($"""

            ┌───────────────────────────────────────────────────────────────┐
              Lumen quickstart: sign in as '{Username}' with this password,
              shown only this once (change it under Settings → Account):

                  {password}
            └───────────────────────────────────────────────────────────────┘

            """);
    }
}
