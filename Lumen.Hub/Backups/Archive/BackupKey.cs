using System.Text;
using Konscious.Security.Cryptography;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// The AES-256 key of a backup file: Argon2id of the passphrase with the file's own salt. The
/// costs are the Go hub's (3 passes, 64 MiB, 4 lanes), so its files open here and ours cost an
/// attacker as much per guess.
/// </summary>
public sealed record BackupKeyCost(int Iterations, int MemoryKib, int Parallelism)
{
    public static BackupKeyCost Default { get; } = new(Iterations: 3, MemoryKib: 64 * 1024, Parallelism: 4);

    /// <summary>What a file's header may ask for: a tampered header must not make opening it take gigabytes or hours.</summary>
    public bool IsWithinLimits => Iterations is >= 1 and <= 16 && MemoryKib is >= 8 * 1024 and <= 1024 * 1024 && Parallelism is >= 1 and <= 16;
}

public static class BackupKey
{
    public const int SaltBytes = 16;
    public const int KeyBytes = 32;

    public static byte[] Derive(string passphrase, ReadOnlySpan<byte> salt, BackupKeyCost cost)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(passphrase))
        {
            Salt = salt.ToArray(),
            Iterations = cost.Iterations,
            MemorySize = cost.MemoryKib,
            DegreeOfParallelism = cost.Parallelism,
        };
        return argon.GetBytes(KeyBytes);
    }
}
