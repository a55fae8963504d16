using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Lumen.Hub.Http;

namespace Lumen.Hub.Accounts;

/// <summary>The hasher is at its concurrency cap and nobody left the queue in time.</summary>
public sealed class PasswordHasherBusyException() : ServiceBusyException("too many sign-ins at once; try again in a few seconds", retryAfterSeconds: 5);

/// <summary>
/// Argon2id hashing with a cap on how many hashes run at once: each holds
/// <see cref="Argon2Parameters.MemoryKib"/> of memory for its duration, so parallel logins
/// queue here instead of pushing the hub out of memory.
/// </summary>
public sealed class PasswordHasher
{
    public const int MaxConcurrentHashes = 2;

    /// <summary>How long a login waits for a free hashing slot before it is told to come back.</summary>
    private static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(10);

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly SemaphoreSlim _slots = new(MaxConcurrentHashes, MaxConcurrentHashes);
    private readonly Argon2Parameters _parameters;
    private readonly Lazy<PasswordHash> _decoy;

    public PasswordHasher(Argon2Parameters? parameters = null)
    {
        _parameters = parameters ?? Argon2Parameters.Default;
        // Verified against when the user name is unknown, so that answer costs the same time
        // as a wrong password and does not reveal which user names exist.
        _decoy = new Lazy<PasswordHash>(() => Compute(RandomNumberGenerator.GetHexString(32), RandomNumberGenerator.GetBytes(SaltBytes), _parameters, HashBytes));
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (await RunLimitedAsync(() => Compute(password, salt, _parameters, HashBytes), cancellationToken)).ToString();
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="stored"/>. A null or
    /// unreadable <paramref name="stored"/> is checked against a decoy and answers false in the same time.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? stored, CancellationToken cancellationToken = default)
    {
        var expected = stored is null ? null : PasswordHash.TryParse(stored);
        var target = expected ?? _decoy.Value;
        var actual = await RunLimitedAsync(() => Compute(password, target.Salt, target.Parameters, target.Hash.Length), cancellationToken);
        return CryptographicOperations.FixedTimeEquals(actual.Hash, target.Hash) && expected is not null;
    }

    private async Task<PasswordHash> RunLimitedAsync(Func<PasswordHash> hash, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(QueueWait, cancellationToken)) throw new PasswordHasherBusyException();
        try
        {
            // Off the request thread: a hash takes tens of milliseconds of pure CPU.
            return await Task.Run(hash, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static PasswordHash Compute(string password, byte[] salt, Argon2Parameters parameters, int hashBytes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = parameters.MemoryKib,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        return new PasswordHash(parameters, salt, argon.GetBytes(hashBytes));
    }
}
