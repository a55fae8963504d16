namespace Lumen.Hub.Accounts;

/// <summary>Body of <c>POST /api/register</c> and <c>POST /api/login</c>.</summary>
public sealed class CredentialsRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }
}

/// <summary>Body of <c>POST /api/account/password</c>.</summary>
public sealed class PasswordChangeRequest
{
    public string? Current { get; set; }
    public string? New { get; set; }
}

/// <summary>An account as the browser sees it.</summary>
public sealed record UserView(long Id, string Username, bool IsAdmin, DateTime CreatedAt)
{
    public static UserView From(UserRecord user) => new(user.Id, user.Username, user.IsAdmin, user.CreatedAt.UtcDateTime);
}

/// <summary>
/// Answer of <c>GET /api/setup-status</c>: whether the first-run registration is closed, and the
/// Go hub's single sign-on switches, false while this hub has no OIDC or SAML sign-in.
/// </summary>
public sealed record SetupStatus(bool AdminExists)
{
    public bool OidcEnabled => false;
    public bool SamlEnabled => false;
}
