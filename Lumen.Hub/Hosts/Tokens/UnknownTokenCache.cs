namespace Lumen.Hub.Hosts.Tokens;

/// <summary>
/// What keeps unknown tokens from reaching the database often: a token found nowhere is
/// remembered for <see cref="MissFor"/>, and at most <see cref="LookupsPerSecond"/> lookups
/// start in any second, so random tokens sent as fast as a client can cost a few indexed reads a
/// second, not one each. Thread-safe; only the unknown-token path takes its lock.
/// </summary>
public sealed class UnknownTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan MissFor = TimeSpan.FromMinutes(1);
    public const int LookupsPerSecond = 20;

    /// <summary>Misses kept at most; past it the oldest half is forgotten.</summary>
    public const int MaxMisses = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<TokenHash, DateTimeOffset> _missedUntil = [];
    private long _budgetSecond = long.MinValue;
    private int _budgetUsed;

    /// <summary>True when the database may be asked about this token now (and counts the lookup).</summary>
    public bool MayLookUp(TokenHash hash)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_missedUntil.TryGetValue(hash, out var until))
            {
                if (now < until) return false;
                _missedUntil.Remove(hash);
            }
            var second = now.ToUnixTimeSeconds();
            if (second != _budgetSecond) (_budgetSecond, _budgetUsed) = (second, 0);
            if (_budgetUsed >= LookupsPerSecond) return false;
            _budgetUsed++;
            return true;
        }
    }

    /// <summary>The database does not know this token either.</summary>
    public void Missed(TokenHash hash)
    {
        var until = clock.GetUtcNow() + MissFor;
        lock (_lock)
        {
            if (_missedUntil.Count >= MaxMisses) ForgetOldestHalf();
            _missedUntil[hash] = until;
        }
    }

    private void ForgetOldestHalf()
    {
        var cutoff = _missedUntil.Values.Order().ElementAt(_missedUntil.Count / 2);
        foreach (var (hash, until) in _missedUntil.ToList())
            if (until <= cutoff) _missedUntil.Remove(hash);
    }
}
