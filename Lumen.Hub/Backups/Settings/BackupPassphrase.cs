using Lumen.Hub.Accounts;

namespace Lumen.Hub.Backups.Settings;

/// <summary>
/// The backup passphrase is never stored: only its Argon2id hash (the Go hub's PHC string,
/// 64 MiB, 3 passes, 4 lanes), which every run checks, so a typo cannot produce backups nobody
/// can open. Scheduled runs take the passphrase from <c>LUMEN_HUB_BACKUP_PASSPHRASE</c>.
/// </summary>
public sealed class BackupPassphrase
{
    public const int MinLength = 8;
    public const string EnvironmentVariable = "LUMEN_HUB_BACKUP_PASSPHRASE";

    private readonly PasswordHasher _hasher = new(new Argon2Parameters(MemoryKib: 64 * 1024, Iterations: 3, Parallelism: 4));

    /// <summary>
    /// The last pair that matched, as a SHA-256 in memory only: a scheduled run every hour would
    /// otherwise spend a 64 MiB Argon2id on both cores of a small machine to learn the same thing again.
    /// </summary>
    private byte[]? _lastMatch;

    public static string? Problem(string? passphrase) =>
        string.IsNullOrEmpty(passphrase) ? "passphrase is required"
        : passphrase.Length < MinLength ? $"passphrase must have at least {MinLength} characters"
        : null;

    public Task<string> HashAsync(string passphrase, CancellationToken cancel = default) => _hasher.HashAsync(passphrase, cancel);

    /// <summary>True when <paramref name="passphrase"/> is the one whose hash is stored.</summary>
    public async Task<bool> MatchesAsync(string passphrase, string storedHash, CancellationToken cancel = default)
    {
        var pair = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{storedHash}\n{passphrase}"));
        if (Volatile.Read(ref _lastMatch) is { } last && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(last, pair)) return true;
        if (!await _hasher.VerifyAsync(passphrase, storedHash, cancel)) return false;
        Volatile.Write(ref _lastMatch, pair);
        return true;
    }
}
