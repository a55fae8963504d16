using System.Globalization;
using System.Threading.RateLimiting;
using Lumen.Hub.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Lumen.Hub.Accounts;

/// <summary>
/// Brute-force brakes on the password endpoints, both from ASP.NET's rate limiting: per client
/// address (every attempt counts) and per user name (only failed attempts count, so a
/// guesser spread over many addresses still gets a handful of tries a minute, and the real
/// user signing in successfully never uses one up). Refusals are <c>429</c> with Retry-After.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string ClientPolicy = "sign-in-per-client";

    /// <summary>Attempts a client may make at once, then one more every <see cref="ClientRefill"/>.</summary>
    public const int ClientBurst = 10;
    public static readonly TimeSpan ClientRefill = TimeSpan.FromSeconds(6);

    /// <summary>Failed attempts a user name may take at once, then one more every <see cref="NameRefill"/>.</summary>
    public const int NameBurst = 5;
    public static readonly TimeSpan NameRefill = TimeSpan.FromSeconds(12);

    private readonly PartitionedRateLimiter<string> _failuresPerName = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetTokenBucketLimiter(name, _ => Bucket(NameBurst, NameRefill)));

    /// <summary>How long until <paramref name="username"/> may be tried again, or null if it may be now.</summary>
    public TimeSpan? NameBlockedFor(string username)
    {
        var statistics = _failuresPerName.GetStatistics(Key(username));
        return statistics is { CurrentAvailablePermits: <= 0 } ? NameRefill : null;
    }

    public void CountFailure(string username)
    {
        using var _ = _failuresPerName.AttemptAcquire(Key(username));
    }

    public void Dispose() => _failuresPerName.Dispose();

    public static IResult TooManyAttempts(TimeSpan retryAfter) => new RetryAfterResult(retryAfter);

    internal static TokenBucketRateLimiterOptions Bucket(int burst, TimeSpan refill) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = refill,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Key(string username) => username.ToLowerInvariant();

    private sealed class RetryAfterResult(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, $"too many sign-in attempts; try again in {seconds} s");
        }
    }
}

public static class SignInThrottleWiring
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInThrottle.ClientPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => SignInThrottle.Bucket(SignInThrottle.ClientBurst, SignInThrottle.ClientRefill)));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : SignInThrottle.ClientRefill;
                await SignInThrottle.TooManyAttempts(retryAfter).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
