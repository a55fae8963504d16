namespace Lumen.Hub.Notifications.Senders;

/// <summary>Shortening text to a service's length limit, so a long grouped message is cut rather than refused.</summary>
public static class TextLimit
{
    /// <summary><paramref name="text"/> itself when it fits in <paramref name="max"/> characters; else its start and "…".</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var keep = max - 1;
        // Never split a surrogate pair: half an emoji is an invalid string to most services.
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + "…";
    }

    /// <summary>Like <see cref="Cut"/>, for services that count UTF-8 bytes rather than characters.</summary>
    public static string CutBytes(string text, int maxBytes)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        int low = 0, high = Math.Min(text.Length, maxBytes);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (System.Text.Encoding.UTF8.GetByteCount(Cut(text, middle)) <= maxBytes) low = middle;
            else high = middle - 1;
        }
        return Cut(text, Math.Max(low, 1));
    }
}
