using System.Collections.Concurrent;
using Akka.Actor;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Support;

/// <summary>Everything of type <typeparamref name="T"/> published on an actor system's event stream from now on.</summary>
public sealed class EventStreamRecorder<T> : IDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _recorder;

    public EventStreamRecorder(ActorSystem system)
    {
        _system = system;
        _recorder = system.ActorOf(Props.Create(() => new Recorder(Seen)));
        system.EventStream.Subscribe(_recorder, typeof(T));
    }

    public ConcurrentQueue<T> Seen { get; } = new();

    /// <summary>Waits until exactly <paramref name="count"/> have been published (bounded).</summary>
    public Task CountIsAsync(int count) => Eventually.TrueAsync(() => Seen.Count == count, $"{count} {typeof(T).Name} published");

    public void Dispose()
    {
        _system.EventStream.Unsubscribe(_recorder);
        _system.Stop(_recorder);
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<T> seen) => Receive<T>(seen.Enqueue);
    }
}
