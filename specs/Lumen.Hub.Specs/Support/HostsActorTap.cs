using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// Stands in for the hosts actor wherever the hub asks for <see cref="IRequiredActor{HostsActor}"/>:
/// every message goes on to the real hosts actor with its sender (questions are answered as
/// before), and the spec sees each message that was told. Install with <see cref="Install"/>.
/// </summary>
public sealed class HostsActorTap : IRequiredActor<HostsActor>
{
    private readonly Lazy<IActorRef> _tap;

    private HostsActorTap(ActorSystem system, ActorRegistry registry) =>
        _tap = new Lazy<IActorRef>(() => system.ActorOf(Props.Create(() => new Tap(registry.Get<HostsActor>(), Seen)), "hosts-tap"));

    /// <summary>Every message passed on, oldest first.</summary>
    public ConcurrentQueue<object> Seen { get; } = new();

    public IActorRef ActorRef => _tap.Value;

    public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_tap.Value);

    public static HubFactory Install(HubFactory hub) => hub.WithServices(services =>
    {
        services.AddSingleton(provider => new HostsActorTap(provider.GetRequiredService<ActorSystem>(), provider.GetRequiredService<ActorRegistry>()));
        services.AddSingleton<IRequiredActor<HostsActor>>(provider => provider.GetRequiredService<HostsActorTap>());
    });

    private sealed class Tap : ReceiveActor
    {
        public Tap(IActorRef hosts, ConcurrentQueue<object> seen) =>
            ReceiveAny(message =>
            {
                seen.Enqueue(message);
                hosts.Forward(message);
            });
    }
}
