namespace Lumen.Hub.Accounts;

/// <summary>
/// Creates the admin named by <c>LUMEN_HUB_ADMIN_USERNAME|PASSWORD</c> at start when no user
/// of that name exists, for unattended installs. An existing user is left as it is: the
/// variables never overwrite a password someone has since changed.
/// </summary>
public static class AdminSeed
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var accounts = services.GetRequiredService<AccountOptions>();
        if (accounts is not { SeedAdminUsername: { } username, SeedAdminPassword: { } password }) return;

        var users = services.GetRequiredService<UserStore>();
        if (users.FindByName(username) is not null) return;
        var hash = await services.GetRequiredService<PasswordHasher>().HashAsync(password);
        if (users.CreateAdminIfMissing(username, hash))
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminSeed))
                .LogInformation("Created admin '{Username}' from LUMEN_HUB_ADMIN_USERNAME", username);
    }
}
