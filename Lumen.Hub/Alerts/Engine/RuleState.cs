namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// Where one alert stands: breaching since when (not yet long enough), or firing since when,
/// and when it last fired (for the rule's cooldown). Idle alerts keep no state at all.
/// </summary>
public sealed record RuleState
{
    public DateTimeOffset? PendingSince { get; set; }
    public DateTimeOffset? FiringSince { get; set; }
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>Whether the firing event was recorded without notifying (silence, maintenance, cooldown).</summary>
    public bool Suppressed { get; set; }

    public bool IsFiring => FiringSince is not null;

    /// <summary>Nothing worth keeping: not pending, not firing, and no cooldown to remember.</summary>
    public bool IsIdle => PendingSince is null && FiringSince is null && LastFiredAt is null;
}
