namespace Lumen.Protocol.Ingest;

/// <summary>
/// Response headers on every <c>204</c> from <c>/api/ingest</c> that let an agent tell which
/// acknowledged frames are on disk (see docs/durability.md). Sequence numbers count per host
/// and per hub instance, in the order the hub accepted the frames, not in <c>ts</c> order.
/// </summary>
public static class DurabilityHeaders
{
    /// <summary>Changes on every hub start; sequence numbers of another instance mean nothing here.</summary>
    public const string Instance = "Lumen-Hub-Instance";

    /// <summary>The sequence number this hub instance gave the acknowledged frame.</summary>
    public const string Sequence = "Lumen-Seq";

    /// <summary>Every frame of this host with a sequence number at or below it is durable.</summary>
    public const string DurableSequence = "Lumen-Durable-Seq";
}
