using Lumen.Hub.Accounts;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Accounts with their Argon2id PHC hashes as they are: <see cref="PasswordHash"/> reads the
/// parameters each string carries (the Go hub's m=19456,t=2,p=1), so every user signs in with
/// the same password. Every Go user is an administrator here, as there (v0.7.7 has no roles).
/// A name taken here (ignoring case) keeps this hub's account.
/// </summary>
internal static class UserImport
{
    public static void Run(SqliteConnection connection, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var target = new TargetTransaction(connection);
        var here = target.Query("SELECT username, password_hash FROM users;", r => (Name: r.GetString(0), Hash: r.GetString(1)));
        long imported = 0, already = 0, skipped = 0;
        foreach (var user in go.Users)
        {
            var same = here.FirstOrDefault(h => string.Equals(h.Name, user.Username, StringComparison.OrdinalIgnoreCase));
            if (same.Name is not null)
            {
                if (same.Hash == user.PasswordHash) already++;
                else
                {
                    skipped++;
                    tally.Note($"users: '{user.Username}' is a user here already with another password; kept this hub's");
                }
                continue;
            }
            if (PasswordHash.TryParse(user.PasswordHash) is null)
            {
                skipped++;
                tally.Note($"users: '{user.Username}' left out: the password hash is not an Argon2id PHC string this hub verifies");
                continue;
            }
            target.Execute("INSERT INTO users (username, password_hash, is_admin, created_at) VALUES ($name, $hash, 1, $created);",
                ("$name", user.Username), ("$hash", user.PasswordHash), ("$created", user.CreatedAtMs > 0 ? user.CreatedAtMs : now));
            imported++;
        }
        tally.Count("users", imported, already, skipped);
        target.Commit();
    }
}
