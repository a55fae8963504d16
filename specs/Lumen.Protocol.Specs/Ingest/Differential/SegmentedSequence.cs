using System.Buffers;

namespace Lumen.Protocol.Specs.Ingest.Differential;

/// <summary>
/// A body split into many segments, as Kestrel's pipe may hand it over: tokens then straddle
/// segment boundaries, which is the only way the reader's value-sequence paths get exercised.
/// </summary>
internal static class SegmentedSequence
{
    /// <summary>Segments of random lengths, tiny or up to a few hundred bytes.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, Random random)
    {
        var largest = random.Next(2) == 0 ? random.Next(1, 8) : random.Next(8, 256);
        return Split(bytes, () => random.Next(1, largest + 1));
    }

    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength) => Split(bytes, () => segmentLength);

    private static ReadOnlySequence<byte> Split(byte[] bytes, Func<int> nextLength)
    {
        if (bytes.Length < 2) return new ReadOnlySequence<byte>(bytes);
        var first = new Segment(bytes.AsMemory(0, Math.Min(bytes.Length, nextLength())), 0);
        var last = first;
        var offset = first.Memory.Length;
        while (offset < bytes.Length)
        {
            var length = Math.Min(bytes.Length - offset, nextLength());
            last = last.Append(bytes.AsMemory(offset, length));
            offset += length;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
