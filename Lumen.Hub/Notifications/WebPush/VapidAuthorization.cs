using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The <c>Authorization</c> header of a push request (RFC 8292 §3):
/// <c>vapid t=&lt;JWT&gt;, k=&lt;public key&gt;</c>, the JWT signed ES256 with the VAPID key and
/// claiming <c>aud</c> (the push service's origin), <c>exp</c> and <c>sub</c> (the subject).
/// </summary>
public static class VapidAuthorization
{
    /// <summary>
    /// How long a token is good for. RFC 8292 allows at most 24 h from the request; Apple's
    /// service refuses more than a day ahead by its own clock, so half a day leaves room for a
    /// hub clock running fast.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"typ":"JWT","alg":"ES256"}""");

    public static string Value(VapidKeys keys, Uri endpoint, DateTimeOffset now) =>
        $"vapid t={Token(keys, endpoint, now)}, k={keys.PublicKeyText}";

    /// <summary>The origin a token is for: scheme, host and a port that is not the scheme's default.</summary>
    public static string Audience(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    public static string Token(VapidKeys keys, Uri endpoint, DateTimeOffset now)
    {
        var signingInput = $"{P256Keys.Encode(Header)}.{P256Keys.Encode(Claims(keys.Subject, Audience(endpoint), now + Lifetime))}";
        using var signer = keys.Signer();
        // JWS wants r ‖ s, 32 bytes each (IEEE P1363), not DER.
        var signature = signer.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{P256Keys.Encode(signature)}";
    }

    private static byte[] Claims(string subject, string audience, DateTimeOffset expires)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("aud", audience);
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("sub", subject);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
