namespace Lumen.Hub.Specs.Support;

/// <summary>Stands in for the session helper being added on main; deleted when the branches meet.</summary>
public static class TemporarySession
{
    public static Task<HttpClient> SignedInClientAsync(this HubFactory hub) => Task.FromResult(hub.CreateClient());
}
