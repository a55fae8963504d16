using System.Runtime.CompilerServices;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.History.Export;

/// <summary>
/// The points of an export's window, read <see cref="SliceBuckets"/> buckets at a time. Each
/// slice is one short read of SQLite, handed on before the next is read: memory stays bounded
/// whatever the window, and no read stays open while a slow client downloads. Slices start on
/// the step, so every bucket lies whole in one slice and is the point one read of the whole
/// window would give. Each slice gets the frames not flushed yet that fall in it.
/// </summary>
public static class ExportPoints
{
    /// <summary>A chart's worth of points: a read the JSON route makes anyway.</summary>
    public const int SliceBuckets = HistoryWindow.MaxPoints;

    /// <param name="unflushed">the host's frames in the window not committed yet, oldest first, asked for before this runs.</param>
    public static async IAsyncEnumerable<MetricsPoint> ReadAsync(
        HistoryStore store, HostId host, HistoryWindow window, IReadOnlyList<UnflushedFrame> unflushed, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var sliceMs = window.StepMs * SliceBuckets;
        for (var fromMs = window.FromMs; fromMs < window.ToMs; fromMs += sliceMs)
        {
            cancel.ThrowIfCancellationRequested();
            var slice = window with { FromMs = fromMs, ToMs = Math.Min(fromMs + sliceMs, window.ToMs) };
            UnflushedFrame[] inSlice = [.. unflushed.Where(frame => frame.TsUnixMs >= slice.FromMs && frame.TsUnixMs < slice.ToMs)];
            foreach (var point in await store.ReadAsync(host, slice, inSlice)) yield return point;
        }
    }
}
