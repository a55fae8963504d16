using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lumen.Hub.Specs.Accounts;

public sealed class AccountsApiSpecs : IAsyncLifetime
{
    private readonly HubFactory _hub = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private HttpClient Browser() => _hub.CreateClient();

    private static JsonContent Credentials(string username, string password) => JsonContent.Create(new { username, password });

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    [Fact]
    public async Task Setup_status_should_say_whether_the_first_admin_exists()
    {
        var browser = Browser();
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/api/setup-status")).GetProperty("admin_exists").GetBoolean());

        await _hub.SignedInClientAsync();

        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/api/setup-status")).GetProperty("admin_exists").GetBoolean());
    }

    [Fact]
    public async Task Setup_status_should_carry_the_Go_hubs_sso_switches_off_while_there_is_no_sso()
    {
        var body = await Browser().GetStringAsync("/api/setup-status");

        Assert.Equal("""{"admin_exists":false,"oidc_enabled":false,"saml_enabled":false}""", body);
    }

    [Fact]
    public async Task Register_should_create_the_first_admin_sign_them_in_and_then_close()
    {
        var browser = _hub.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var first = await browser.PostAsync("/api/register", Credentials("alice", "a long enough password"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var user = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", user.GetProperty("username").GetString());
        Assert.True(user.GetProperty("is_admin").GetBoolean());
        Assert.EndsWith("Z", user.GetProperty("created_at").GetString());
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("lumen_session=", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("secure", cookie);

        var second = await browser.PostAsync("/api/register", Credentials("mallory", "another long password"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("admin already exists", await ErrorOf(second));
    }

    [Fact]
    public async Task Session_cookie_should_be_secure_when_a_proxy_says_the_browser_used_tls()
    {
        var browser = _hub.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/register") { Content = Credentials("alice", "a long enough password") };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await browser.SendAsync(request);

        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Theory]
    [InlineData("""{"username":"alice","password":"short"}""", "at least 8")]
    [InlineData("""{"username":"al ice","password":"long enough pw"}""", "username may contain only")]
    [InlineData("""{"password":"long enough pw"}""", "username is required")]
    [InlineData("""{"username":"alice","password":"long enough pw","admin":true}""", "unknown field")]
    [InlineData("""{"username":5,"password":"long enough pw"}""", "'username'")]
    [InlineData("""not json""", "not a valid JSON")]
    public async Task Register_should_refuse_bad_input_naming_the_problem(string body, string expected)
    {
        var response = await Browser().PostAsync("/api/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorOf(response));
        Assert.False((await Browser().GetFromJsonAsync<JsonElement>("/api/setup-status")).GetProperty("admin_exists").GetBoolean());
    }

    [Fact]
    public async Task Register_should_refuse_a_body_that_is_not_json_or_too_large()
    {
        var form = await Browser().PostAsync("/api/register", new FormUrlEncodedContent([new("username", "alice"), new("password", "long enough pw")]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);

        var huge = await Browser().PostAsync("/api/register", new StringContent($$"""{"username":"{{new string('a', 70_000)}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Login_should_give_the_same_answer_for_an_unknown_user_and_a_wrong_password()
    {
        await _hub.SignedInClientAsync();

        var unknown = await Browser().PostAsync("/api/login", Credentials("nobody", "whatever password"));
        var wrong = await Browser().PostAsync("/api/login", Credentials(HubFactory.AdminUsername, "wrong password!"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await ErrorOf(unknown), await ErrorOf(wrong));
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Me_should_name_the_signed_in_user_and_refuse_without_a_session()
    {
        var signedIn = await _hub.SignedInClientAsync();

        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(HubFactory.AdminUsername, me.GetProperty("username").GetString());

        var anonymous = await Browser().GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("sign in first", await ErrorOf(anonymous));
    }

    [Fact]
    public async Task Logout_should_end_the_browser_session_and_be_safe_to_repeat()
    {
        var browser = await _hub.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Password_change_should_need_the_current_password_and_end_other_sessions()
    {
        var laptop = await _hub.SignedInClientAsync();
        var phone = await _hub.SignedInClientAsync();

        var wrong = await laptop.PostAsJsonAsync("/api/account/password", new { current = "not my password", @new = "a brand new password" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var tooShort = await laptop.PostAsJsonAsync("/api/account/password", new { current = HubFactory.AdminPassword, @new = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("new must be at least 8", await ErrorOf(tooShort));

        var changed = await laptop.PostAsJsonAsync("/api/account/password", new { current = HubFactory.AdminPassword, @new = "a brand new password" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/me")).StatusCode);
        var ended = await phone.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        Assert.Contains("not valid", await ErrorOf(ended));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser().PostAsync("/api/login", Credentials(HubFactory.AdminUsername, HubFactory.AdminPassword))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Browser().PostAsync("/api/login", Credentials(HubFactory.AdminUsername, "a brand new password"))).StatusCode);
    }
}
