namespace Lumen.Agent.Sending;

/// <summary>How the hub answered one frame.</summary>
public abstract record PostOutcome
{
    /// <summary>
    /// 204. <paramref name="Instance"/> is null for a hub without durability headers (the Go
    /// hub): nothing can be held for it, so an accepted frame counts as delivered.
    /// </summary>
    public sealed record Accepted(string? Instance, long Seq, long DurableSeq) : PostOutcome;

    /// <summary>Not taken now (unreachable, timeout, 5xx, 503 backpressure): keep the frame and send it later.</summary>
    public sealed record Retry(string Reason) : PostOutcome;

    /// <summary>401: the token is wrong, rotated or deleted. Keep the frame; asking again soon will not help.</summary>
    public sealed record Unauthorized : PostOutcome;

    /// <summary>400/413: the hub will never take this frame as it is; keeping it would block the buffer.</summary>
    public sealed record Rejected(int Status, string Error) : PostOutcome;
}
