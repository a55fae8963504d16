using Lumen.Hub.Accounts;
using Lumen.Hub.Configuration;
using Lumen.Hub.Storage;

namespace Lumen.Hub.Cli;

/// <summary>
/// <c>lumen-hub users list|reset-password NAME</c>: account rescue on the hub's database
/// file, for an admin locked out of the dashboard. Safe while the hub runs.
/// </summary>
public static class UsersCommand
{
    /// <summary>Characters of a generated password: no look-alikes (0/O, 1/l/I), easy to type from a terminal.</summary>

    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        HubOptions options;
        try
        {
            options = HubOptionsLoader.Load(environment);
        }
        catch (HubConfigurationException e)
        {
            error.WriteLine($"lumen-hub: {e.Message}");
            return 2;
        }
        var database = new LumenDatabase(options.DatabasePath);
        database.Initialise();
        var users = new UserStore(database, TimeProvider.System);

        switch (args)
        {
            case ["list"]:
                WriteList(users.List(), output);
                return 0;
            case ["reset-password", var name]:
                return ResetPassword(users, name, output, error);
            default:
                error.WriteLine("usage: lumen-hub users list | reset-password NAME");
                return 2;
        }
    }

    private static int ResetPassword(UserStore users, string name, TextWriter output, TextWriter error)
    {
        if (users.FindByName(name) is not { } found)
        {
            error.WriteLine($"lumen-hub: no user named '{name}'; 'lumen-hub users list' shows who exists");
            return 1;
        }
        var password = Credentials.GeneratePassword();
        var hash = new PasswordHasher().HashAsync(password).GetAwaiter().GetResult();
        users.ChangePassword(found.User.Id, hash);
        output.WriteLine($"New password for '{found.User.Username}' (every session of this user has ended), shown only this once:");
        output.WriteLine();
        output.WriteLine($"  {password}");
        output.WriteLine();
        output.WriteLine("Sign in with it and change it under Settings → Account.");
        return 0;
    }

    private static void WriteList(IReadOnlyList<UserRecord> users, TextWriter output)
    {
        if (users.Count == 0)
        {
            output.WriteLine("No users yet: open the dashboard to register the first admin.");
            return;
        }
        output.WriteLine($"{"ID",-6} {"USERNAME",-32} {"ROLE",-6} CREATED");
        foreach (var user in users)
            output.WriteLine($"{user.Id,-6} {user.Username,-32} {(user.IsAdmin ? "admin" : "user"),-6} {user.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}");
    }
}
