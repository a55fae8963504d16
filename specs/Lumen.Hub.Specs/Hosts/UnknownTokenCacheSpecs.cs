using Lumen.Hub.Hosts.Tokens;

namespace Lumen.Hub.Specs.Hosts;

public sealed class UnknownTokenCacheSpecs
{
    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static TokenHash Token(int n) => AgentToken.Hash($"lum_{n:x64}");

    [Fact]
    public void Cache_should_not_look_up_a_missed_token_again_until_the_miss_has_aged_out()
    {
        var clock = new SteppedClock();
        var cache = new UnknownTokenCache(clock);
        Assert.True(cache.MayLookUp(Token(1)));
        cache.Missed(Token(1));

        clock.Now += TimeSpan.FromSeconds(5);
        Assert.False(cache.MayLookUp(Token(1)));
        Assert.True(cache.MayLookUp(Token(2)));

        clock.Now += UnknownTokenCache.MissFor;
        Assert.True(cache.MayLookUp(Token(1)));
    }

    [Fact]
    public void Cache_should_allow_only_so_many_lookups_a_second_whatever_the_tokens()
    {
        var clock = new SteppedClock();
        var cache = new UnknownTokenCache(clock);

        var allowed = Enumerable.Range(0, 500).Count(n => cache.MayLookUp(Token(n)));
        clock.Now += TimeSpan.FromSeconds(1);

        Assert.Equal(UnknownTokenCache.LookupsPerSecond, allowed);
        Assert.True(cache.MayLookUp(Token(1000)));
    }

    [Fact]
    public void Cache_should_stay_bounded_when_ever_new_tokens_miss()
    {
        var clock = new SteppedClock();
        var cache = new UnknownTokenCache(clock);

        for (var n = 0; n < UnknownTokenCache.MaxMisses * 3; n++)
        {
            clock.Now += TimeSpan.FromMilliseconds(1);
            cache.Missed(Token(n));
        }

        // The newest misses are still remembered; the oldest were let go to make room.
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.False(cache.MayLookUp(Token(UnknownTokenCache.MaxMisses * 3 - 1)));
        Assert.True(cache.MayLookUp(Token(0)));
    }
}
