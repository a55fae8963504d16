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
/// The retention rule, without clocks or storage: sweep when one interval has passed since
/// the last sweep (the first beat after start always sweeps), deleting what is older than the
/// window.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>
    /// How much short of a whole interval still counts as due: half the heartbeat. The last
    /// sweep's time is taken a moment after its beat (once the settings are read), so without it
    /// the beat that ends the interval finds it a few milliseconds short and the sweep waits a
    /// whole extra heartbeat: every sweep 30 s late, a 1-minute interval swept every 90 s
    /// (found by the faults suite's soak).
    /// </summary>
    public static readonly TimeSpan Slack = RetentionActor.Heartbeat / 2;

    public static RetentionDecision Decide(TimeSpan window, TimeSpan interval, DateTimeOffset? lastSweep, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero || interval <= TimeSpan.Zero) return new RetentionDecision.Disabled();
        if (lastSweep is { } last && now - last < interval - Slack) return new RetentionDecision.NotDue(interval - (now - last));
        return new RetentionDecision.Sweep(now - window);
    }
}
