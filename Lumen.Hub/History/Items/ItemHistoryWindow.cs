using System.Globalization;

namespace Lumen.Hub.History.Items;

/// <summary>The window of a container or GPU history request: the host route's rules, with a step of whole buckets.</summary>
public static class ItemHistoryWindow
{
    /// <summary>
    /// <see cref="HistoryWindow.Resolve"/>, then, when its step is not whole buckets of
    /// <c>downsample_bucket_size</c> (the only rows this history has), resolved again with the
    /// step rounded up to whole buckets, so <c>from</c> is aligned to that step as the host
    /// route aligns it to its own. A larger step gives fewer points, so the cap still holds.
    /// </summary>
    public static HistoryWindowResult Resolve(HistoryRequest request, DateTimeOffset now, HistoryTiers tiers)
    {
        var resolved = HistoryWindow.Resolve(request, now, tiers);
        if (resolved.Window is not { } window) return resolved;
        var bucketMs = (long)tiers.BucketSize.TotalMilliseconds;
        var stepMs = (Math.Max(window.StepMs, bucketMs) + bucketMs - 1) / bucketMs * bucketMs;
        if (stepMs == window.StepMs) return resolved;
        var seconds = (stepMs / HistoryStep.SecondMs).ToString(CultureInfo.InvariantCulture);
        return HistoryWindow.Resolve(request with { Step = seconds }, now, tiers);
    }
}
