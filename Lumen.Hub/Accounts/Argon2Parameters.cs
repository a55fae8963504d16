namespace Lumen.Hub.Accounts;

/// <summary>
/// Argon2id cost for one password hash. The defaults are OWASP's minimum for Argon2id
/// (19 MiB, 2 passes, 1 lane): with <see cref="PasswordHasher.MaxConcurrentHashes"/> hashes at
/// once, logins can never hold more than about 40 MiB of the hub's memory between them.
/// </summary>
public sealed record Argon2Parameters(int MemoryKib, int Iterations, int Parallelism)
{
    public static Argon2Parameters Default { get; } = new(MemoryKib: 19 * 1024, Iterations: 2, Parallelism: 1);

    /// <summary>Bounds a stored hash's parameters may claim, so a tampered row cannot make one login take gigabytes.</summary>
    public bool IsWithinLimits => MemoryKib is >= 8 and <= 256 * 1024 && Iterations is >= 1 and <= 16 && Parallelism is >= 1 and <= 8;
}
