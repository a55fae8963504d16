namespace Lumen.Protocol.Ingest;

/// <summary>
/// The agent's side of the durability watermark: frames the hub acknowledged (204) but has
/// not yet reported durable. A frame leaves when a later response's durable sequence passes
/// it; when the hub answers with another instance id (it restarted, maybe after a crash),
/// every frame still held from the old instance must be sent again. Rows are unique on
/// (host, ts), so sending one that did reach the disk is harmless.
/// </summary>
public sealed class UnconfirmedFrames<TFrame>
{
    private readonly LinkedList<(string Instance, long Seq, TFrame Frame)> _held = new();

    public int Count => _held.Count;

    /// <summary>Records a 204 and drops whatever its watermark now covers.</summary>
    public void Acknowledged(TFrame frame, string instance, long seq, long durableSeq)
    {
        _held.AddLast((instance, seq, frame));
        Confirm(instance, durableSeq);
    }

    /// <summary>Drops the frames of <paramref name="instance"/> at or below <paramref name="durableSeq"/>.</summary>
    public void Confirm(string instance, long durableSeq)
    {
        for (var node = _held.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Instance == instance && node.Value.Seq <= durableSeq) _held.Remove(node);
            node = next;
        }
    }

    /// <summary>
    /// The frames held from any instance other than <paramref name="currentInstance"/>, oldest
    /// first, removed from here: the caller sends them again and records the new 204s.
    /// </summary>
    public IReadOnlyList<TFrame> TakeForResend(string currentInstance)
    {
        var resend = new List<TFrame>();
        for (var node = _held.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Instance != currentInstance)
            {
                resend.Add(node.Value.Frame);
                _held.Remove(node);
            }
            node = next;
        }
        return resend;
    }

    /// <summary>Every frame held, oldest first, removed from here: for the buffer when the hub is unreachable.</summary>
    public IReadOnlyList<TFrame> TakeAll()
    {
        var all = _held.Select(entry => entry.Frame).ToList();
        _held.Clear();
        return all;
    }
}
