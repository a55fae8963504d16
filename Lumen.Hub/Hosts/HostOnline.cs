
namespace Lumen.Hub.Hosts;

/// <summary>
/// Whether a host counts as online, by when the hub last received a frame from it (the hub's
/// clock, never the agent's): within three collection intervals, and never less than 15 s so
/// one late frame on a short interval does not flap the dashboard.
/// </summary>
public static class HostOnline
{
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(15);

    public static TimeSpan Window(TimeSpan agentInterval) =>
        agentInterval * 3 > MinimumWindow ? agentInterval * 3 : MinimumWindow;

    /// <summary>A host merged with what the running hub has heard from it since start.</summary>
    public static HostView View(HostDetails details, IReadOnlyDictionary<HostId, HostPresence> live, TimeSpan window, DateTimeOffset now)
    {
        var lastSeen = details.Host.LastSeenAt;
        var system = details.System;
        var systemAt = details.MetadataUpdatedAt;
        if (live.TryGetValue(details.Host.Id, out var presence))
        {
            if (lastSeen is null || presence.ReceivedAt > lastSeen) lastSeen = presence.ReceivedAt;
            system = presence.System ?? system;
            if (presence.SystemReceivedAt is { } heard && (systemAt is null || heard > systemAt)) systemAt = heard;
        }
        var online = lastSeen is { } seen && now - seen <= window;
        // A silence that has ended stays in the table until the next one replaces it: not shown.
        var silencedUntil = details.SilencedUntil is { } until && until > now ? until.UtcDateTime : (DateTime?)null;
        return new HostView(details.Host.Id.Value, details.Host.Name, details.Host.CreatedAt.UtcDateTime,
            lastSeen?.UtcDateTime, details.Tags, system, online, silencedUntil, systemAt?.UtcDateTime, details.PublicVisible);
    }
}
