namespace Lumen.Bench.Load;

/// <summary>
/// Hands every load run its own range of frame timestamps, so runs never collide on the
/// (host, ts) key and a phase's rows can be counted by ts alone. Ranges start now (never
/// behind the retention window) and lie a month apart, far more than any run advances.
/// </summary>
public sealed class TsPlan
{
    private static readonly TimeSpan Spacing = TimeSpan.FromDays(30);

    private DateTimeOffset _next = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public DateTimeOffset Next()
    {
        var start = _next;
        _next += Spacing;
        return start;
    }
}
