namespace Lumen.Agent.Sending;

/// <summary>
/// When to try a refused token again: soon at first, because a host added on the hub a moment
/// before its agent started may not be known there for a second or two, then doubling up to
/// <see cref="Longest"/>, since a token that is really wrong does not fix itself. The operator is
/// told once the refusals have lasted long enough to be a real problem, not on the first one.
/// </summary>
public sealed class RefusedTokenBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private TimeSpan _next = First;
    private bool _reported;

    /// <summary>The wait before the next try after a refusal, and whether this refusal is the one to report as an error.</summary>
    public (TimeSpan Wait, bool Report) Refused()
    {
        var wait = _next;
        _next = wait * 2 < Longest ? wait * 2 : Longest;
        var report = !_reported && wait == Longest;
        _reported |= report;
        return (wait, report);
    }

    /// <summary>The hub took a frame: a later refusal (a rotated token) starts over.</summary>
    public void Accepted() => (_next, _reported) = (First, false);
}
