using System.Net;
using System.Net.Http.Json;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Accounts;

public sealed class SignInThrottleSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Login_should_be_throttled_per_client_with_retry_after()
    {
        var client = _hub.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // Different user names each time, so only the per-client limit can bite.
        for (var attempt = 0; attempt < SignInThrottle.ClientBurst + 3; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/login", new { username = $"guess{attempt}", password = "not the password" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        Assert.All(statuses.Take(SignInThrottle.ClientBurst), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Contains("too many sign-in attempts", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Throttle_should_block_a_user_name_after_its_failures_and_not_count_successes()
    {
        using var throttle = new SignInThrottle();

        for (var i = 0; i < SignInThrottle.NameBurst; i++)
        {
            Assert.Null(throttle.NameBlockedFor("Admin"));
            throttle.CountFailure("admin");
        }

        Assert.Equal(SignInThrottle.NameRefill, throttle.NameBlockedFor("ADMIN"));
        Assert.Null(throttle.NameBlockedFor("someone-else"));
    }

    [Fact]
    public async Task Login_should_be_refused_for_a_user_name_under_attack_even_with_the_right_password()
    {
        await _hub.SignedInClientAsync();
        var throttle = (SignInThrottle)_hub.Services.GetService(typeof(SignInThrottle))!;
        for (var i = 0; i < SignInThrottle.NameBurst; i++) throttle.CountFailure(HubFactory.AdminUsername);

        var response = await _hub.CreateClient().PostAsJsonAsync("/api/login", new { username = HubFactory.AdminUsername, password = HubFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(((int)SignInThrottle.NameRefill.TotalSeconds).ToString(), response.Headers.GetValues("Retry-After").Single());
    }
}
