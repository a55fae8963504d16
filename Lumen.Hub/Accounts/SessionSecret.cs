using System.Security.Cryptography;
using System.Text;

namespace Lumen.Hub.Accounts;

/// <summary>
/// The key session tokens are signed with: <c>LUMEN_HUB_SECRET</c> when set, otherwise 64
/// random bytes generated on first start and kept beside the database (mode 0600), so
/// sessions survive a restart and nobody but the hub's user can read it.
/// </summary>
public static class SessionSecret
{
    public const string FileName = "session-secret";

    /// <summary>
    /// The Go hub takes <c>LUMEN_HUB_SECRET</c> as hex and refuses fewer than 32 bytes: a value of
    /// at least this many hex digits, and an even number of them, is read the Go way.
    /// </summary>
    public const int MinGoHexDigits = 64;

    public static byte[] Load(string? configured, string dataFolder)
    {
        if (configured is not null) return KeyOf(configured);

        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            var stored = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (stored.Length < 32) throw new InvalidOperationException($"{path} holds fewer than 32 bytes; delete it to have a new one generated (every session ends)");
            return stored;
        }

        Directory.CreateDirectory(dataFolder);
        var secret = RandomNumberGenerator.GetBytes(64);
        var temporary = path + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, create))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(Convert.ToBase64String(secret));
        }
        // Renamed into place so a crash never leaves a half-written secret behind.
        File.Move(temporary, path, overwrite: false);
        return secret;
    }

    /// <summary>
    /// The key bytes of a configured secret: a Go hub's hex secret is its decoded bytes, as the
    /// Go hub uses them (so its encrypted settings open with it, <see cref="GoSecretBox"/>); any
    /// other text is hashed to 32 bytes.
    /// </summary>
    public static byte[] KeyOf(string configured) =>
        GoHexBytes(configured) ?? SHA256.HashData(Encoding.UTF8.GetBytes(configured));

    /// <summary>The bytes a Go hub would sign with for <paramref name="configured"/>, or null when it is not in the Go hub's hex form.</summary>
    public static byte[]? GoHexBytes(string configured) =>
        configured.Length >= MinGoHexDigits && configured.Length % 2 == 0 && configured.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(configured)
            : null;
}
