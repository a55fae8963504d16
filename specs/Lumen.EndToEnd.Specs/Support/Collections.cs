namespace Lumen.EndToEnd.Specs.Support;

/// <summary>
/// The specs that stop, kill and restart processes run one after another: each starts its
/// own hub and agent, and two cores shared with builds must not delay ticks past the
/// jitter the specs allow.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RestartCollection
{
    public const string Name = "hub and agent restarts";
}

/// <summary>
/// The interval spec spends over a minute waiting for the agent's once-a-minute policy read
/// with an idle hub and agent, so it runs beside the restart specs rather than after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PolicyCollection
{
    public const string Name = "policy changes";
}
