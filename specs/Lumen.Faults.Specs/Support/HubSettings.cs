namespace Lumen.Faults.Specs.Support;

/// <summary>
/// How a scenario wants its hub: the batcher's sizes and any extra environment. Everything
/// else (address, database, secret, seeded admin) comes from the rig.
/// </summary>
public sealed record HubSettings(
    string FlushEvery = "1s",
    int? FlushSize = null,
    int? QueueSize = null,
    string AgentInterval = "2s",
    IReadOnlyDictionary<string, string>? Extra = null);
