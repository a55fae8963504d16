namespace Lumen.Bench.Stream;

/// <summary>
/// Finds the newest <c>received_at</c> in a stream frame as it arrives chunk by chunk, without
/// keeping the frame: it identifies the frame (every connection with the same subscription
/// gets the same one) and dates it (the hub built it just after that ingest).
/// </summary>
public sealed class FrameScanner
{
    private static ReadOnlySpan<byte> Key => "\"received_at\":\""u8;

    /// <summary>Key plus the longest timestamp ("yyyy-MM-ddTHH:mm:ss.fffffffZ") and its quote.</summary>
    private const int Window = 64;

    private readonly byte[] _seam = new byte[2 * Window];
    private int _tailLength;

    /// <summary>UTC ticks of the newest received_at seen since the last <see cref="Reset"/>; 0 when none.</summary>
    public long NewestTicks { get; private set; }

    public void Reset() => (NewestTicks, _tailLength) = (0, 0);

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        // Occurrences across the seam between chunks: the previous tail and this chunk's head.
        var head = Math.Min(chunk.Length, Window);
        chunk[..head].CopyTo(_seam.AsSpan(_tailLength));
        Scan(_seam.AsSpan(0, _tailLength + head));
        Scan(chunk);

        // Keep the last Window bytes of everything so far for the next seam.
        if (chunk.Length >= Window)
        {
            chunk[^Window..].CopyTo(_seam);
            _tailLength = Window;
        }
        else
        {
            var all = _tailLength + chunk.Length;
            var keep = Math.Min(all, Window);
            _seam.AsSpan(all - keep, keep).CopyTo(_seam);
            _tailLength = keep;
        }
    }

    private void Scan(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            var at = data.IndexOf(Key);
            if (at < 0) return;
            data = data[(at + Key.Length)..];
            var end = data[..Math.Min(data.Length, Window)].IndexOf((byte)'"');
            if (end < 0) return; // cut off: the seam scan sees it whole
            if (ParseTicks(data[..end]) is { } ticks && ticks > NewestTicks) NewestTicks = ticks;
            data = data[end..];
        }
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss[.f…]Z" as UTC ticks; null when it is not that.</summary>
    public static long? ParseTicks(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text[^1] != 'Z' || text[4] != '-' || text[10] != 'T') return null;
        var ticks = new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2),
            Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2), DateTimeKind.Utc).Ticks;
        if (text[19] == '.')
        {
            var fraction = text[20..^1];
            long value = 0;
            for (var i = 0; i < 7; i++) value = value * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
            ticks += value;
        }
        return ticks;
    }

    private static int Digits(ReadOnlySpan<byte> text, int at, int count)
    {
        var value = 0;
        for (var i = at; i < at + count; i++) value = value * 10 + (text[i] - '0');
        return value;
    }
}
