using Akka.Actor;
using Akka.Hosting;

namespace Lumen.Hub.Hosts;

/// <summary>Asks the hosts actor when each host was last heard from, for request handlers.</summary>
public sealed class HostPresenceReader(IRequiredActor<HostsActor> hosts, TimeProvider clock)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyDictionary<HostId, HostPresence>> ReadAsync() =>
        (await hosts.ActorRef.Ask<HostPresenceView>(HostQueries.GetPresence.Instance, AskTimeout)).Hosts;
}
