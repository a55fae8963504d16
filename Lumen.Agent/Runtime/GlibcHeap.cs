using System.Runtime.InteropServices;

namespace Lumen.Agent.Runtime;

/// <summary>The C library's heap, which the runtime (its JIT, its type loader) allocates from.</summary>
public static class GlibcHeap
{
    // DllImport rather than LibraryImport: that one needs unsafe code allowed for the whole agent.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>
    /// Hands every whole free page of the C heap back to the kernel. glibc on its own gives back
    /// only what is free at the top of the heap; what start-up freed below live blocks stays
    /// resident without it.
    /// </summary>
    /// <returns>false where the C library has no <c>malloc_trim</c> (musl).</returns>
    public static bool TryTrim()
    {
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}
