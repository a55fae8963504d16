using Akka.Actor;
using Akka.Hosting;

namespace Lumen.Hub.Hosts.Tokens;

/// <summary>
/// Who an agent's bearer token belongs to. The in-memory map answers almost every request
/// without touching the database; a token it does not know is looked up in the hosts table
/// before the answer is 401, because a host added a moment ago (by the command line in another
/// process, the API, quickstart's own agent) is in the table before the map reloads, and its
/// agent's first post must not be refused. A hit asks the map to reload; misses and the lookup
/// rate are bounded by <see cref="UnknownTokenCache"/>.
/// </summary>
public sealed class AgentAuthenticator(HostTokens tokens, HostStore store, UnknownTokenCache unknown, ActorRegistry actors, ILogger<AgentAuthenticator> log)
{
    /// <summary>The host of the <c>Authorization: Bearer …</c> header, or null for a missing or unknown token.</summary>
    public ValueTask<HostIdentity?> AuthenticateAsync(string? authorizationHeader)
    {
        var token = AgentToken.FromAuthorizationHeader(authorizationHeader);
        if (token.IsEmpty) return ValueTask.FromResult<HostIdentity?>(null);
        var hash = AgentToken.Hash(token);
        if (tokens.TryResolve(hash, out var known)) return ValueTask.FromResult<HostIdentity?>(known);
        return unknown.MayLookUp(hash) ? LookUpAsync(hash) : ValueTask.FromResult<HostIdentity?>(null);
    }

    private async ValueTask<HostIdentity?> LookUpAsync(TokenHash hash)
    {
        HostIdentity? found;
        try
        {
            found = await Task.Run(() => store.FindByToken(hash));
        }
        catch (Exception e)
        {
            // Unreadable database: the map's answer (unknown) stands, as before this lookup existed.
            log.LogWarning("Could not look up an agent token missing from the token map ({Error}); answering 401", e.Message);
            return null;
        }

        if (found is null)
        {
            unknown.Missed(hash);
            return null;
        }
        if (actors.TryGet<TokenDirectoryActor>(out var directory)) directory.Tell(TokenDirectoryActor.Refresh.Instance);
        return found;
    }
}
