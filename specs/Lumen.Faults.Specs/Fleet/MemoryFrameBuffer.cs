using System.Text.Json;
using Akka.Actor;
using Lumen.Agent.Buffer;
using Lumen.Protocol.Json;

namespace Lumen.Faults.Specs.Fleet;

/// <summary>
/// A simulated agent's buffer: the agent's own <see cref="FrameBufferState"/> (ordering, caps)
/// speaking the frame buffer's protocol, kept in memory. The real buffer journals to one
/// SQLite file per agent under a fixed persistence id, so hundreds of them cannot share one
/// actor system; what the sender sees is the same.
/// </summary>
public sealed class MemoryFrameBuffer : ReceiveActor
{
    private readonly FrameBufferState _state = new(BufferCaps.From(BufferOptions.Default("memory")));
    private long _nextId;

    public MemoryFrameBuffer()
    {
        Receive<FrameBufferQueries.GetBufferStatus>(_ => Sender.Tell(new BufferStatus(_state.Count, _state.OldestTs, _state.Bytes, 0)));
        Receive<FrameBufferCommands.BufferFrame>(buffer =>
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(buffer.Frame, LumenJson.IngestFrame);
            _state.Add(new StoredFrame(++_nextId, buffer.Frame.Ts, json));
        });
        Receive<FrameBufferCommands.ConfirmSent>(confirm => { _state.Remove(confirm.Ids); });
        Receive<FrameBufferQueries.TakeOldest>(take => Sender.Tell(new OldestFrames(_state.Oldest(take.Max)
            .Select(f => new BufferedFrame(f.Id, JsonSerializer.Deserialize(f.Json, LumenJson.IngestFrame)!))
            .ToList())));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MemoryFrameBuffer());
}
