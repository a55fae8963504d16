using Lumen.Hub.Http;

namespace Lumen.Hub.Accounts;

/// <summary>
/// First-run registration, sign-in and sign-out, and the signed-in account:
/// <c>/api/setup-status</c>, <c>/api/register</c>, <c>/api/login</c>, <c>/api/logout</c>,
/// <c>/api/me</c>, <c>/api/account/password</c>.
/// </summary>
public static class AccountsApi
{
    /// <summary>The routes anyone may call; the rest go on <paramref name="api"/>, the session-protected group.</summary>
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/api/setup-status", (UserStore users) =>
            TypedResults.Json(new SetupStatus(users.AdminExists()), AccountsJsonContext.Default.SetupStatus));
        app.MapPost("/api/register", RegisterAsync).RequireRateLimiting(SignInThrottle.ClientPolicy);
        app.MapPost("/api/login", LoginAsync).RequireRateLimiting(SignInThrottle.ClientPolicy);
        app.MapPost("/api/logout", (HttpContext http) =>
        {
            // Anyone may sign out, signed in or not, as often as they like.
            SessionCookie.Delete(http);
            return TypedResults.NoContent();
        });

        api.MapGet("/me", (HttpContext http) => TypedResults.Json(UserView.From(http.SignedInUser()), AccountsJsonContext.Default.UserView));
        api.MapPost("/account/password", ChangePasswordAsync).RequireRateLimiting(SignInThrottle.ClientPolicy);
        return api;
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, UserStore users, PasswordHasher hasher, SessionTokens sessions)
    {
        var (body, error) = await JsonBody.ReadAsync(http, AccountsJsonContext.Default.CredentialsRequest);
        if (error is not null) return error;
        if (users.AdminExists()) return AdminExists();
        if ((Credentials.ValidateUsername(body!.Username) ?? Credentials.ValidatePassword(body.Password)) is { } invalid)
            return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);

        var hash = await hasher.HashAsync(body.Password!, http.RequestAborted);
        var user = users.CreateFirstAdmin(body.Username!, hash);
        if (user is null) return AdminExists();
        SignIn(http, sessions, user);
        return TypedResults.Json(UserView.From(user), AccountsJsonContext.Default.UserView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, UserStore users, PasswordHasher hasher, SessionTokens sessions, SignInThrottle throttle)
    {
        var (body, error) = await JsonBody.ReadAsync(http, AccountsJsonContext.Default.CredentialsRequest);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Username) || string.IsNullOrEmpty(body.Password))
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "username and password are required");
        if (throttle.NameBlockedFor(body.Username) is { } wait) return SignInThrottle.TooManyAttempts(wait);

        // Unknown user and wrong password take the same path and the same time: the hasher
        // verifies against a decoy when there is no stored hash.
        var found = users.FindByName(body.Username);
        var valid = body.Password.Length <= Credentials.MaxPasswordLength
                    && await hasher.VerifyAsync(body.Password, found?.PasswordHash, http.RequestAborted);
        if (!valid || found is null)
        {
            throttle.CountFailure(body.Username);
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "wrong username or password");
        }
        SignIn(http, sessions, found.User);
        return TypedResults.Json(UserView.From(found.User), AccountsJsonContext.Default.UserView);
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, UserStore users, PasswordHasher hasher, SessionTokens sessions, SignInThrottle throttle)
    {
        var user = http.SignedInUser();
        var (body, error) = await JsonBody.ReadAsync(http, AccountsJsonContext.Default.PasswordChangeRequest);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Current)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "current is required");
        if (Credentials.ValidatePassword(body.New, "new") is { } invalid) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        if (throttle.NameBlockedFor(user.Username) is { } wait) return SignInThrottle.TooManyAttempts(wait);

        var stored = users.FindByName(user.Username);
        if (stored is null || !await hasher.VerifyAsync(body.Current, stored.PasswordHash, http.RequestAborted))
        {
            throttle.CountFailure(user.Username);
            // 403, not 401: the session is fine, the proof of knowing the password is not.
            return ApiErrors.Result(StatusCodes.Status403Forbidden, "current password is wrong");
        }
        var hash = await hasher.HashAsync(body.New!, http.RequestAborted);
        if (users.ChangePassword(user.Id, hash) is not { } epoch)
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "your account no longer exists");
        // Every other session ends with the new epoch; this browser gets a fresh one.
        SignIn(http, sessions, user with { SessionEpoch = epoch });
        return TypedResults.NoContent();
    }

    private static void SignIn(HttpContext http, SessionTokens sessions, UserRecord user)
    {
        var (token, expires) = sessions.Issue(user);
        SessionCookie.Append(http, token, expires);
    }

    private static IResult AdminExists() =>
        ApiErrors.Result(StatusCodes.Status409Conflict, "an admin already exists; sign in instead");
}
