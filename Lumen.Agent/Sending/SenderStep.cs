using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Sending;

/// <summary>Where the sender's new frames go; <see cref="SenderState.Mode"/> says which applies.</summary>
public enum SenderMode
{
    /// <summary>The buffer is empty: a frame goes straight to the hub, or waits behind the post in flight.</summary>
    Delivering,

    /// <summary>The buffer may hold frames: a frame joins it, and each one starts a drain of the oldest if none runs.</summary>
    Buffering,

    /// <summary>The hub refused the token (401): frames join the buffer until the slow retry.</summary>
    Refused,
}

/// <summary>
/// What the sender carries out after one decision of <see cref="SenderState"/>, in this order:
/// confirm the drained frames the hub settled, keep frames in the buffer, ask the buffer for
/// its oldest frames, report what changed, read the hub's policy, post one frame.
/// </summary>
/// <param name="Confirm">buffered ids to remove; null when no drain ended.</param>
/// <param name="HubAccepted">the hub took a frame: time to read its policy, if it is due.</param>
public sealed record SenderStep(
    IReadOnlyList<long>? Confirm,
    IReadOnlyList<IngestFrame> Keep,
    bool TakeOldest,
    IngestFrame? Post,
    IReadOnlyList<SenderNotice> Notices,
    bool HubAccepted);

/// <summary>A change worth telling the operator about.</summary>
public abstract record SenderNotice
{
    /// <summary>The hub took a frame after it could not be reached.</summary>
    public sealed record HubAnswersAgain : SenderNotice;

    /// <summary>The hub did not take a frame after it could.</summary>
    public sealed record HubUnreachable(string Reason) : SenderNotice;

    /// <summary>The hub answered as a new instance; frames it had not written to disk are kept to be sent again.</summary>
    public sealed record HubRestarted(int Resent) : SenderNotice;

    /// <summary>The hub refused the token (401), for the first time since the last retry.</summary>
    public sealed record TokenRefused : SenderNotice;

    /// <summary>The hub refused a frame as invalid (400/413); it is dropped.</summary>
    public sealed record FrameRejected(IngestFrame Frame, int Status, string Error) : SenderNotice;
}
