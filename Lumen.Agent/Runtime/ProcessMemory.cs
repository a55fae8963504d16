namespace Lumen.Agent.Runtime;

/// <summary>Hands memory the agent no longer uses back to the machine.</summary>
public static class ProcessMemory
{
    /// <summary>
    /// After a burst that is over (an outage's buffer drained): a blocking, compacting collection
    /// that also returns the GC's free regions to the kernel (<see cref="GCCollectionMode.Aggressive"/>),
    /// then the C heap's free pages. A few milliseconds for the agent's heap of a few MiB; too
    /// costly to run on a schedule, which is why it is only called when something has ended.
    /// </summary>
    public static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GlibcHeap.TryTrim();
    }
}
