using System.Buffers.Text;
using System.Security.Cryptography;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// P-256 keys as web push writes them: a public key is the 65-byte uncompressed point
/// (<c>0x04 ‖ X ‖ Y</c>) in base64url, as browsers hand out <c>p256dh</c> and take
/// <c>applicationServerKey</c>; a private key is the raw 32-byte scalar.
/// </summary>
public static class P256Keys
{
    public const int PublicKeyLength = 65;
    public const int PrivateKeyLength = 32;
    private const byte Uncompressed = 0x04;

    /// <summary>base64url with or without padding; false for anything else (standard base64's <c>+</c> and <c>/</c> included).</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            bytes = Base64Url.DecodeFromChars(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>
    /// Why <paramref name="point"/> is not a usable P-256 public key, or null when it is: the
    /// length, the uncompressed prefix, and that it lies on the curve (a point off the curve
    /// would make ECDH fail at every send, or worse leak bits of the key).
    /// </summary>
    public static string? CheckPublicKey(byte[] point)
    {
        if (point.Length != PublicKeyLength) return $"must be a {PublicKeyLength}-byte uncompressed P-256 point, got {point.Length} bytes";
        if (point[0] != Uncompressed) return "must be an uncompressed P-256 point (starting with 0x04)";
        try
        {
            using var key = ECDiffieHellman.Create(PublicParameters(point));
            return null;
        }
        catch (CryptographicException)
        {
            return "is not a point on the P-256 curve";
        }
    }

    /// <summary>The parameters of an uncompressed point, for <see cref="ECDiffieHellman.Create(ECParameters)"/> or <see cref="ECDsa.Create(ECParameters)"/>.</summary>
    public static ECParameters PublicParameters(byte[] point) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = point[1..33], Y = point[33..65] },
    };

    /// <summary>The uncompressed point of a key's public half.</summary>
    public static byte[] PublicKey(ECParameters parameters) => [Uncompressed, .. parameters.Q.X!, .. parameters.Q.Y!];

    /// <summary>The public key of a private scalar, computed (never trusted from a file).</summary>
    public static byte[] PublicKeyOf(byte[] privateKey)
    {
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        return PublicKey(key.ExportParameters(includePrivateParameters: false));
    }
}
