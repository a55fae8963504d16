namespace Lumen.Hub.Specs.Support;

/// <summary>
/// Stand-in until sessions land on main: a plain client. The lead deletes this file at merge,
/// when <c>HubFactory.SignedInClientAsync</c> registers an admin and logs in for real.
/// </summary>
public static class TemporarySession
{
    public static Task<HttpClient> SignedInClientAsync(this HubFactory hub) => Task.FromResult(hub.CreateClient());
}
