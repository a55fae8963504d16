using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Faults.Specs.Support;

/// <summary>Hand-made JSON web tokens, so every part a forger controls can be set: header, claims, signature.</summary>
public static class Jwt
{
    public static string Encode(JsonObject header, JsonObject payload, Func<byte[], byte[]?> sign)
    {
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{(signature is null ? "" : Base64Url(signature))}";
    }

    /// <summary>The hub's key for <c>LUMEN_HUB_SECRET</c>: SHA-256 of the text (see SessionSecret).</summary>
    public static Func<byte[], byte[]?> Hs256(string secret) => data => HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), data);

    public static Func<byte[], byte[]?> Hs512(string secret) => data => HMACSHA512.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), data);

    public static JsonObject Header(string alg) => new() { ["alg"] = alg, ["typ"] = "JWT" };

    public static JsonObject Payload(string token) =>
        JsonNode.Parse(Base64UrlDecode(token.Split('.')[1]))!.AsObject();

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    public static long Now(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();

    public static string Describe(JsonObject claims) => claims.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
