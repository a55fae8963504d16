namespace Lumen.Hub.Retention;

/// <summary>What the retention heartbeat should do now.</summary>
public abstract record RetentionDecision
{
    /// <summary>A window or interval of 0 switches retention off.</summary>
    public sealed record Disabled : RetentionDecision;

    /// <summary>The last sweep was less than an interval ago.</summary>
    public sealed record NotDue(TimeSpan DueIn) : RetentionDecision;

    /// <summary>Delete every snapshot older than the cutoff.</summary>
    public sealed record Sweep(DateTimeOffset Cutoff) : RetentionDecision;
}

/// <summary>
/// The retention rule, without clocks or storage: sweep when at least one interval has
/// passed since the last sweep (the first beat after start always sweeps), deleting what is
/// older than the window.
/// </summary>
public static class RetentionPolicy
{
    public static RetentionDecision Decide(TimeSpan window, TimeSpan interval, DateTimeOffset? lastSweep, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero || interval <= TimeSpan.Zero) return new RetentionDecision.Disabled();
        if (lastSweep is { } last && now - last < interval) return new RetentionDecision.NotDue(interval - (now - last));
        return new RetentionDecision.Sweep(now - window);
    }
}
