using System.Security.Cryptography;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The hub's identity towards push services (RFC 8292): one P-256 key pair for the hub's
/// life (every browser subscription is bound to its public key) and the contact subject.
/// </summary>
public sealed record VapidKeys(byte[] PublicKey, byte[] PrivateKey, string Subject, DateTimeOffset CreatedAt)
{
    /// <summary>base64url of the uncompressed point: a browser's <c>applicationServerKey</c> and the header's <c>k=</c>.</summary>
    public string PublicKeyText => P256Keys.Encode(PublicKey);

    public static VapidKeys Generate(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(P256Keys.PublicKey(parameters), parameters.D!, subject, now);
    }

    /// <summary>An ES256 signer over the private key; the caller disposes it.</summary>
    public ECDsa Signer() => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = PrivateKey,
        Q = P256Keys.PublicParameters(PublicKey).Q,
    });
}
