using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lumen.Hub.Accounts;

/// <summary>
/// Issues and describes the HS256 session tokens. Validation is done by ASP.NET's JWT bearer
/// handler with <see cref="ValidationParameters"/>: HS256 only, signed, issuer, audience and
/// expiry checked.
/// </summary>
public sealed class SessionTokens(byte[] secret, TimeProvider clock)
{
    public const string Issuer = "lumen-hub";
    public const string Audience = "lumen-dashboard";

    /// <summary>Claim carrying the user's session epoch at sign-in; a password change moves the epoch on.</summary>
    public const string EpochClaim = "sep";

    private readonly SymmetricSecurityKey _key = new(secret);
    private readonly JsonWebTokenHandler _handler = new();

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Name,
    };

    public (string Token, DateTimeOffset Expires) Issue(UserRecord user)
    {
        var now = clock.GetUtcNow();
        var expires = now + SessionCookie.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(JwtRegisteredClaimNames.Name, user.Username),
                new Claim(EpochClaim, user.SessionEpoch.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            ]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The user id and epoch a validated principal carries, or null if either is missing.</summary>
    public static (long UserId, long Epoch)? Describe(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, CultureInfo.InvariantCulture, out var id)
        && long.TryParse(principal.FindFirst(EpochClaim)?.Value, CultureInfo.InvariantCulture, out var epoch)
            ? (id, epoch)
            : null;
}
