namespace Lumen.Protocol.Policy;

/// <summary>
/// What the hub asks of its agents, served at <c>GET /api/agent/policy</c>. Durations are Go
/// duration strings (<c>"5s"</c>) as the Go hub served them.
/// </summary>
public sealed record AgentPolicy
{
    public string CollectionInterval { get; init; } = "5s";
    public bool ProcessesEnabled { get; init; }

    /// <summary>
    /// The scalar metrics this hub stores, by name. An agent sends a metric beyond the Go hub's
    /// frame only when it is listed here; a Go hub sends no list and gets the frame it knows.
    /// </summary>
    public string[] Metrics { get; init; } = [];

    /// <summary>
    /// The lists beyond the Go hub's frame this hub understands (<see cref="Ingest.OptionalFrameFields"/>):
    /// an agent sends <c>disks</c>, <c>nics</c> or <c>filesystems</c> only when it is listed here.
    /// </summary>
    public string[] FrameFields { get; init; } = [];
}
