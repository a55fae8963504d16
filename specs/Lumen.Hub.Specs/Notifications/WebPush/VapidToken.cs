using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>
/// An <c>Authorization: vapid t=…, k=…</c> header taken apart as a push service does
/// (RFC 8292 §3): the JWT's header and claims, and whether its ES256 signature verifies with a
/// given public key.
/// </summary>
public sealed record VapidToken(string Token, string Key, JsonElement Header, JsonElement Claims)
{
    public static VapidToken Parse(string authorization)
    {
        Assert.StartsWith("vapid ", authorization);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        var token = parameters["t"];
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new VapidToken(token, parameters["k"], Json(parts[0]), Json(parts[1]));
    }

    public string Audience => Claims.GetProperty("aud").GetString()!;
    public DateTimeOffset Expires => DateTimeOffset.FromUnixTimeSeconds(Claims.GetProperty("exp").GetInt64());
    public string Subject => Claims.GetProperty("sub").GetString()!;

    /// <summary>Whether the signature (JWS: r ‖ s, 64 bytes) over <c>header.claims</c> verifies with the uncompressed point <paramref name="publicKey"/>.</summary>
    public bool IsSignedBy(string publicKey)
    {
        var point = Base64Url.DecodeFromChars(publicKey);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        var parts = Token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        return signature.Length == 64 && key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static JsonElement Json(string part) => JsonDocument.Parse(Base64Url.DecodeFromChars(part)).RootElement.Clone();
}
