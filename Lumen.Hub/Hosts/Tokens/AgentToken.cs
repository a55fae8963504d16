using System.Security.Cryptography;
using System.Text;

namespace Lumen.Hub.Hosts.Tokens;

/// <summary>
/// Agent bearer tokens: <c>lum_</c> + 32 random bytes in hex, shown once and stored only as
/// their SHA-256. Looking a token up by its hash also makes the check constant-time in the
/// secret: an attacker controls the token, not the hash it lands on.
/// </summary>
public static class AgentToken
{
    public const string Prefix = "lum_";
    private const int RandomBytes = 32;
    private const int MaxTokenLength = 256;

    public static string Generate() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));

    public static TokenHash Hash(string token) => Hash(token.AsSpan());

    public static TokenHash Hash(ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[MaxTokenLength * 3];
        var length = Encoding.UTF8.GetBytes(token[..Math.Min(token.Length, MaxTokenLength)], utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        return TokenHash.From(digest);
    }

    /// <summary>The token from an <c>Authorization: Bearer …</c> header, or empty.</summary>
    public static ReadOnlySpan<char> FromAuthorizationHeader(string? header)
    {
        const string scheme = "Bearer ";
        if (header is null || header.Length <= scheme.Length || header.Length > scheme.Length + MaxTokenLength)
            return [];
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return [];
        return header.AsSpan(scheme.Length).Trim();
    }
}
