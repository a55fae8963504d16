using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors;

/// <summary>
/// One independent source of frame fields. It keeps what it needs between ticks (previous
/// counters) and assigns its fields only after everything is read and computed, so a source
/// that throws leaves its fields at 0/empty and never half-filled.
/// </summary>
public interface IFrameSource
{
    /// <summary>Short name for logs and failure reports ("cpu", "docker").</summary>
    string Name { get; }

    /// <returns>A notice worth one log line (a change of state such as "Docker socket gone"), or null.</returns>
    ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct);
}

/// <summary>When a tick happens: the frame's wall-clock time and a monotonic clock for rates.</summary>
/// <param name="MonotonicSeconds">
/// Seconds on a clock that never jumps (NTP steps would otherwise turn into rate spikes).
/// </param>
public sealed record TickContext(DateTimeOffset Ts, double MonotonicSeconds);

/// <summary>Base for the sources that read local files: synchronous and without notices.</summary>
public abstract class SyncFrameSource : IFrameSource
{
    public abstract string Name { get; }

    public ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct)
    {
        Collect(frame, tick);
        return ValueTask.FromResult<string?>(null);
    }

    protected abstract void Collect(IngestFrame frame, TickContext tick);
}
