namespace Lumen.Protocol.Policy;

/// <summary>
/// The collection intervals an agent runs at: its own <c>interval</c> setting and the
/// <see cref="AgentPolicy.CollectionInterval"/> a hub hands out. Both sides read them from
/// here because an agent ignores a policy interval outside them: a hub allowing more would
/// show an interval its agents never apply.
/// </summary>
public static class AgentIntervalBounds
{
    /// <summary>
    /// The shortest: the agent holds at most a few frames in memory behind a slow post
    /// (<c>SenderActor.MaxWaitingBehindPost</c>), counted for frames coming this often.
    /// </summary>
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest: the hub counts a host offline after three silent intervals, and the
    /// dashboard's default history spans an hour.
    /// </summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);

    public static bool Contains(TimeSpan interval) => interval >= Min && interval <= Max;
}
