using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lumen.Hub.Specs.Accounts;

/// <summary>Forged, altered and stale session cookies, each presented to <c>/api/me</c>.</summary>
public sealed class SessionTokenSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();
    private UserRecord _admin = null!;
    private string _validToken = null!;

    public async Task InitializeAsync()
    {
        await _hub.SignedInClientAsync();
        _admin = _hub.Services.GetRequiredService<UserStore>().FindByName(HubFactory.AdminUsername)!.User;
        _validToken = _hub.Services.GetRequiredService<SessionTokens>().Issue(_admin).Token;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<HttpResponseMessage> MeWith(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={token}");
        return await _hub.CreateClient().SendAsync(request);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private string Payload() => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(_validToken.Split('.')[1]));

    [Fact]
    public async Task Session_should_be_accepted_as_issued()
    {
        Assert.Equal(HttpStatusCode.OK, (await MeWith(_validToken)).StatusCode);
    }

    [Fact]
    public async Task Session_should_be_refused_when_its_payload_was_altered()
    {
        var parts = _validToken.Split('.');
        var altered = Payload().Replace($"\"sub\":\"{_admin.Id}\"", "\"sub\":\"999\"");
        Assert.NotEqual(Payload(), altered);

        var response = await MeWith($"{parts[0]}.{Base64Url(altered)}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Session_should_be_refused_when_unsigned_with_alg_none()
    {
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(Payload())}.";

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeWith(unsigned)).StatusCode);
    }

    [Fact]
    public async Task Session_should_be_refused_when_signed_with_another_algorithm_even_with_the_right_key()
    {
        var handler = new JsonWebTokenHandler();
        var key = _hub.Services.GetRequiredService<SessionTokens>().ValidationParameters.IssuerSigningKey;
        var hs512 = handler.CreateToken(Payload(), new SigningCredentials(key, SecurityAlgorithms.HmacSha512));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeWith(hs512)).StatusCode);
    }

    [Fact]
    public async Task Session_should_be_refused_when_signed_with_another_key()
    {
        var stranger = new SessionTokens(Encoding.UTF8.GetBytes(new string('k', 64)), TimeProvider.System).Issue(_admin).Token;

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeWith(stranger)).StatusCode);
    }

    [Fact]
    public async Task Session_should_be_refused_as_expired_after_30_days()
    {
        var longAgo = new FixedClock(DateTimeOffset.UtcNow - SessionCookie.Lifetime - TimeSpan.FromMinutes(5));
        var secret = _hub.Services.GetRequiredService<SessionTokens>().ValidationParameters.IssuerSigningKey;
        var expired = new SessionTokens(((SymmetricSecurityKey)secret).Key, longAgo).Issue(_admin).Token;

        var response = await MeWith(expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Session_should_not_be_read_from_the_authorization_header()
    {
        var client = _hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _validToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public void Session_token_should_carry_who_and_which_epoch_but_no_secret()
    {
        var token = new JsonWebToken(_validToken);

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(_admin.Id.ToString(), token.Subject);
        Assert.Equal("0", token.GetClaim(SessionTokens.EpochClaim).Value);
        Assert.DoesNotContain("password", Payload());
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
