namespace Lumen.Hub.Accounts;

/// <summary>
/// The <c>lumen_session</c> cookie: HttpOnly, SameSite=Lax, Secure when the browser reached
/// the hub over TLS (directly, or through a proxy that says so in X-Forwarded-Proto).
/// </summary>
public static class SessionCookie
{
    public const string Name = "lumen_session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static void Append(HttpContext http, string token, DateTimeOffset expires) =>
        http.Response.Cookies.Append(Name, token, Options(http, expires));

    /// <summary>Tells the browser to forget the cookie; harmless when there is none.</summary>
    public static void Delete(HttpContext http) =>
        http.Response.Cookies.Delete(Name, Options(http, DateTimeOffset.UnixEpoch));

    private static CookieOptions Options(HttpContext http, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = ReachedOverTls(http.Request),
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    // Trusting the header only decides whether the cookie is marked Secure: a forged value
    // can only make that client's own cookie stricter.
    private static bool ReachedOverTls(HttpRequest request) =>
        request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);
}
