using System.Text.Json.Serialization;

namespace Lumen.Protocol.Policy;

/// <summary>
/// What the hub asks of its agents, served at <c>GET /api/agent/policy</c>. Durations are Go
/// duration strings (<c>"5s"</c>) as the Go hub served them.
/// </summary>
public sealed record AgentPolicy
{
    public string CollectionInterval { get; init; } = "5s";
    public bool ProcessesEnabled { get; init; }

    /// <summary>How many processes a frame lists (1–50).</summary>
    public int ProcessesTopN { get; init; } = 10;

    /// <summary><c>cpu</c> or <c>rss</c> (the Go hub's word for resident memory; this agent takes <c>mem</c> too).</summary>
    public string ProcessesSortBy { get; init; } = "cpu";

    /// <summary>Matches replaced by <c>***</c> in command lines, beyond the agent's own rules; left out when there is none, as the Go hub does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProcessesRedactRegex { get; init; }

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
