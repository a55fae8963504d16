using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Lumen.Protocol.Json;
using static Lumen.Agent.Buffer.FrameBufferEvents;

namespace Lumen.Agent.Buffer;

/// <summary>
/// Writes the buffer's events with explicit, versioned manifests instead of Akka's default
/// (Newtonsoft with CLR type names, which breaks on a rename). A buffered frame is stored as
/// its wire JSON (<see cref="LumenJsonContext"/>) byte for byte, so it is readable with the
/// sqlite3 shell; the other events are small JSON records. Reading never throws: a row that
/// does not parse becomes an <see cref="UnreadableEvent"/>, so one bad row costs one event,
/// not the whole buffer.
/// </summary>
public sealed class BufferEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 5117;
    public const string FrameBufferedManifest = "frame-buffered.v1";
    public const string FramesConfirmedManifest = "frames-confirmed.v1";
    public const string FramesDroppedManifest = "frames-dropped.v1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        FrameBuffered => FrameBufferedManifest,
        FramesConfirmed => FramesConfirmedManifest,
        FramesDropped => FramesDroppedManifest,
        _ => throw new ArgumentException($"not a journaled buffer event: {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        FrameBuffered buffered => buffered.Json,
        FramesConfirmed confirmed => JsonSerializer.SerializeToUtf8Bytes(confirmed, BufferJsonContext.Default.FramesConfirmed),
        FramesDropped dropped => JsonSerializer.SerializeToUtf8Bytes(dropped, BufferJsonContext.Default.FramesDropped),
        _ => throw new ArgumentException($"not a journaled buffer event: {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => Decode(bytes, manifest);

    /// <summary>Reads one journal payload; also used to salvage rows from a damaged file.</summary>
    public static IFrameBufferEvent Decode(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                // Parsed in full so a damaged frame is caught here, at replay, and not later at the hub.
                FrameBufferedManifest => new FrameBuffered(NotNull(JsonSerializer.Deserialize(bytes, LumenJson.IngestFrame)).Ts, bytes),
                FramesConfirmedManifest => NotNull(JsonSerializer.Deserialize(bytes, BufferJsonContext.Default.FramesConfirmed)),
                FramesDroppedManifest => NotNull(JsonSerializer.Deserialize(bytes, BufferJsonContext.Default.FramesDropped)),
                _ => new UnreadableEvent(manifest, "unknown manifest"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return new UnreadableEvent(manifest, e.Message);
        }
    }

    private static T NotNull<T>(T? value) where T : class => value ?? throw new JsonException("the payload is JSON null");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FramesConfirmed))]
[JsonSerializable(typeof(FramesDropped))]
internal sealed partial class BufferJsonContext : JsonSerializerContext;
