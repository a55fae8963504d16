using System.Text;
using System.Text.Json;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Buffer;
using Lumen.Protocol.Json;
using static Lumen.Agent.Buffer.FrameBufferEvents;

namespace Lumen.Agent.Specs.Buffer;

public sealed class BufferEventSerializerSpecs() : TestKit(FrameBufferConfig.Serialization)
{
    private SerializerWithStringManifest SerializerFor(object o) => Assert.IsType<BufferEventSerializer>(Sys.Serialization.FindSerializerFor(o));

    private object RoundTrip(object e)
    {
        var serializer = SerializerFor(e);
        return serializer.FromBinary(serializer.ToBinary(e), serializer.Manifest(e));
    }

    [Fact]
    public void BufferEventSerializer_should_store_a_buffered_frame_as_its_wire_json()
    {
        var frame = BufferFrames.At(WallClock.Noon, cpu: 12.5);
        var json = JsonSerializer.SerializeToUtf8Bytes(frame, LumenJson.IngestFrame);
        var buffered = new FrameBuffered(frame.Ts, json);

        Assert.Equal(json, SerializerFor(buffered).ToBinary(buffered));
        var back = Assert.IsType<FrameBuffered>(RoundTrip(buffered));
        Assert.Equal((WallClock.Noon, json), (back.Ts, back.Json));
    }

    [Fact]
    public void BufferEventSerializer_should_read_back_confirms_and_drops()
    {
        Assert.Equal([3L, 4L], Assert.IsType<FramesConfirmed>(RoundTrip(new FramesConfirmed([3, 4]))).Ids);
        var dropped = Assert.IsType<FramesDropped>(RoundTrip(new FramesDropped([1, 2], ByAge: 1, BySize: 1)));
        Assert.Equal([1L, 2L], dropped.Ids);
        Assert.Equal((1, 1), (dropped.ByAge, dropped.BySize));
    }

    [Theory]
    [InlineData(BufferEventSerializer.FrameBufferedManifest, "{\"ts\":\"2026-11-27T12:00:00Z\",\"cpu_pct\":1")]
    [InlineData(BufferEventSerializer.FrameBufferedManifest, "null")]
    [InlineData(BufferEventSerializer.FramesConfirmedManifest, "{\"ids\":[1,\"x\"]}")]
    [InlineData("frames-renamed.v9", "{}")]
    public void BufferEventSerializer_should_turn_a_payload_it_cannot_read_into_an_unreadable_event(string manifest, string payload)
    {
        var unreadable = Assert.IsType<UnreadableEvent>(BufferEventSerializer.Decode(Encoding.UTF8.GetBytes(payload), manifest));

        Assert.Equal(manifest, unreadable.Manifest);
    }
}
