using Lumen.Hub.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Lumen.Hub.Accounts;

/// <summary>
/// Browser sessions: the JWT bearer handler reading the <c>lumen_session</c> cookie (never the
/// Authorization header, which belongs to agents), with every rejection answered as JSON.
/// </summary>
public static class SessionAuthentication
{
    public const string Scheme = "lumen-session";

    /// <summary>Where a validated request's account is kept for its endpoint.</summary>
    private const string UserItem = "lumen.user";

    public static IServiceCollection AddLumenSessions(this IServiceCollection services)
    {
        // No default scheme on purpose: only endpoints that require a session pay for reading
        // one, so the agents' ingest path never runs the JWT handler.
        services.AddAuthentication()
            .AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<SessionTokens>((jwt, tokens) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = tokens.ValidationParameters;
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Cookies.TryGetValue(SessionCookie.Name, out var token) && token.Length > 0) context.Token = token;
                    else context.NoResult();
                    return Task.CompletedTask;
                },
                OnTokenValidated = CheckAccountStillValid,
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var message = context.AuthenticateFailure switch
                    {
                        SecurityTokenExpiredException => "your session has expired; sign in again",
                        null => "sign in first",
                        _ => "your session is not valid; sign in again",
                    };
                    await ApiErrors.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, message);
                },
            };
        });
        services.AddAuthorization(authorization =>
        {
            var session = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
            authorization.DefaultPolicy = session;
        });
        return services;
    }

    /// <summary>The signed-in account of a request that passed the session check.</summary>
    public static UserRecord SignedInUser(this HttpContext http) =>
        http.Items[UserItem] as UserRecord ?? throw new InvalidOperationException("endpoint is not behind the session check");

    /// <summary>
    /// A signature alone is not enough: the account must still exist and the token's epoch must
    /// be current, so a password change or reset ends older sessions at once.
    /// </summary>
    private static Task CheckAccountStillValid(TokenValidatedContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (context.Principal is null || SessionTokens.Describe(context.Principal) is not (var userId, var epoch))
        {
            context.Fail("session token lacks its claims");
            return Task.CompletedTask;
        }
        var user = users.FindById(userId);
        if (user is null || user.SessionEpoch != epoch)
        {
            context.Fail("session was ended");
            return Task.CompletedTask;
        }
        context.HttpContext.Items[UserItem] = user;
        return Task.CompletedTask;
    }
}
