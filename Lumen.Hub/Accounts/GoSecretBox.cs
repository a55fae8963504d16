using System.Security.Cryptography;
using System.Text;

namespace Lumen.Hub.Accounts;

/// <summary>
/// Opens the Go hub's encrypted settings values (go-lumen-compat §1.4): standard base64 of
/// <c>nonce(12) ‖ ciphertext ‖ tag(16)</c>, AES-256-GCM without associated data, the key
/// SHA-256(label ‖ hub secret bytes), where the hub secret bytes are the hex-decoded
/// <c>LUMEN_HUB_SECRET</c> (<see cref="SessionSecret.GoHexBytes"/>). For the Go importer.
/// </summary>
public static class GoSecretBox
{
    /// <summary>The label of <c>oidc.client_secret_enc</c> and, despite a comment in the Go code, of <c>backup.s3_secret_key_enc</c>.</summary>
    public const string OidcLabel = "lumen/oidc/v1";
    public const string BackupS3Label = OidcLabel;
    public const string WebPushLabel = "lumen/webpush/v1";
    public const string SamlLabel = "lumen/saml/v1";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>
    /// The plaintext of <paramref name="sealedValue"/>, or null with the reason it cannot be
    /// opened (not base64, too short, or another secret or label: the tag does not match).
    /// </summary>
    /// <param name="hubSecret">the Go hub's <c>LUMEN_HUB_SECRET</c> as written in its environment (hex).</param>
    public static (string? Plaintext, string? Error) Open(string label, string hubSecret, string sealedValue)
    {
        if (SessionSecret.GoHexBytes(hubSecret) is not { } secretBytes)
            return (null, $"LUMEN_HUB_SECRET is not in the Go hub's form (at least {SessionSecret.MinGoHexDigits} hex digits), so the Go hub's encrypted settings cannot be opened with it");
        return Open(label, secretBytes, sealedValue);
    }

    /// <inheritdoc cref="Open(string, string, string)"/>
    public static (string? Plaintext, string? Error) Open(string label, byte[] secretBytes, string sealedValue)
    {
        byte[] box;
        try
        {
            box = Convert.FromBase64String(sealedValue);
        }
        catch (FormatException)
        {
            return (null, $"{label}: the value is not base64");
        }
        if (box.Length < NonceBytes + TagBytes) return (null, $"{label}: the value is {box.Length} bytes, shorter than a nonce and a tag");

        var plaintext = new byte[box.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(KeyFor(label, secretBytes), TagBytes);
            aes.Decrypt(box.AsSpan(0, NonceBytes), box.AsSpan(NonceBytes, plaintext.Length), box.AsSpan(box.Length - TagBytes), plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return (null, $"{label}: the value does not open with this LUMEN_HUB_SECRET (a different secret than the Go hub's, or a damaged value)");
        }
        return (Encoding.UTF8.GetString(plaintext), null);
    }

    /// <summary>Seals as the Go hub does; for specs that build a Go hub's database, and for nothing the hub stores.</summary>
    public static string Seal(string label, byte[] secretBytes, string plaintext)
    {
        var text = Encoding.UTF8.GetBytes(plaintext);
        var box = new byte[NonceBytes + text.Length + TagBytes];
        RandomNumberGenerator.Fill(box.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(KeyFor(label, secretBytes), TagBytes);
        aes.Encrypt(box.AsSpan(0, NonceBytes), text, box.AsSpan(NonceBytes, text.Length), box.AsSpan(box.Length - TagBytes));
        return Convert.ToBase64String(box);
    }

    private static byte[] KeyFor(string label, byte[] secretBytes) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(label), .. secretBytes]);
}
