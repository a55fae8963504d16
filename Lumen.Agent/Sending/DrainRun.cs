using Lumen.Agent.Buffer;

namespace Lumen.Agent.Sending;

/// <summary>One buffered frame and how the hub answered it.</summary>
public sealed record DrainedFrame(BufferedFrame Buffered, PostOutcome Outcome);

/// <summary>
/// Posts buffered frames one at a time, oldest first, and stops at the first one the hub does
/// not take now: the rest stay buffered in order. Runs outside the actor; it only reports.
/// </summary>
public static class DrainRun
{
    public static async Task<IReadOnlyList<DrainedFrame>> PostInOrderAsync(HubClient hub, IReadOnlyList<BufferedFrame> frames)
    {
        var results = new List<DrainedFrame>(frames.Count);
        foreach (var buffered in frames)
        {
            var outcome = await hub.PostAsync(buffered.Frame);
            results.Add(new DrainedFrame(buffered, outcome));
            if (outcome is PostOutcome.Retry or PostOutcome.Unauthorized) break;
        }
        return results;
    }
}
