using System.Collections.Frozen;

namespace Lumen.Hub.Hosts.Tokens;

/// <summary>Who a valid token belongs to.</summary>
public sealed record HostIdentity(HostId Id, string Name);

/// <summary>
/// The in-memory answer to "whose token is this?" for every ingest, so the hot path never
/// reads the database. The whole map is swapped at once by <see cref="TokenDirectoryActor"/>
/// whenever the hosts table changes (also from the command line in another process).
/// </summary>
public sealed class HostTokens
{
    private volatile FrozenDictionary<TokenHash, HostIdentity> _byHash = FrozenDictionary<TokenHash, HostIdentity>.Empty;

    public int Count => _byHash.Count;

    public bool TryResolve(ReadOnlySpan<char> token, out HostIdentity identity)
    {
        identity = null!;
        if (token.IsEmpty) return false;
        return TryResolve(AgentToken.Hash(token), out identity);
    }

    public bool TryResolve(TokenHash hash, out HostIdentity identity) => _byHash.TryGetValue(hash, out identity!);

    public void Replace(IEnumerable<KeyValuePair<TokenHash, HostIdentity>> entries) =>
        _byHash = entries.ToFrozenDictionary();

    public IReadOnlyCollection<HostIdentity> Hosts => _byHash.Values;
}
