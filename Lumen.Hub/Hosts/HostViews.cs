using Lumen.Hub.Settings;

namespace Lumen.Hub.Hosts;

/// <summary>Builds <see cref="HostView"/>s: the hosts table merged with what the running hub has heard since start.</summary>
public sealed class HostViews(HostStore store, SettingsStore settings, HostPresenceReader presence)
{
    public async Task<HostView[]> ListAsync()
    {
        var (live, window) = await LiveAsync();
        return store.ListDetails().Select(details => HostOnline.View(details, live, window, presence.Now)).ToArray();
    }

    public async Task<HostView?> FindAsync(HostId id)
    {
        if (store.ListDetails().FirstOrDefault(details => details.Host.Id == id) is not { } found) return null;
        var (live, window) = await LiveAsync();
        return HostOnline.View(found, live, window, presence.Now);
    }

    private async Task<(IReadOnlyDictionary<HostId, HostPresence> Live, TimeSpan Window)> LiveAsync() =>
        (await presence.ReadAsync(), HostOnline.Window((await settings.ReadAsync()).AgentInterval));
}
