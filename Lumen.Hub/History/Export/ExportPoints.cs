using System.Runtime.CompilerServices;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.History.Export;

/// <summary>
/// The points of an export's window, read <see cref="SliceBuckets"/> buckets at a time. Each
/// slice is one short read of SQLite, handed on before the next is read: memory stays bounded
/// whatever the window, and no read stays open while a slow client downloads. Slices start on
/// the step, so every bucket lies whole in one slice and is the point one read of the whole
/// window would give.
/// </summary>
public static class ExportPoints
{
    /// <summary>A chart's worth of points: a read the JSON route makes anyway.</summary>
    public const int SliceBuckets = HistoryWindow.MaxPoints;

    public static async IAsyncEnumerable<MetricsPoint> ReadAsync(
        HistoryStore store, HostId host, HistoryWindow window, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var sliceMs = window.StepMs * SliceBuckets;
        for (var fromMs = window.FromMs; fromMs < window.ToMs; fromMs += sliceMs)
        {
            cancel.ThrowIfCancellationRequested();
            var slice = window with { FromMs = fromMs, ToMs = Math.Min(fromMs + sliceMs, window.ToMs) };
            foreach (var point in await store.ReadAsync(host, slice)) yield return point;
        }
    }
}
