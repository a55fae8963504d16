using Lumen.Protocol.Policy;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>How the busiest processes are chosen: by CPU, or by resident memory.</summary>
public enum ProcessSort
{
    Cpu,
    Mem,
}

/// <summary>
/// What the hub's policy asks of the process source: whether to list processes at all, how
/// many, in which order, and a pattern to redact from command lines beyond the built-in rules.
/// </summary>
public sealed record ProcessesPolicy(bool Enabled, int TopN, ProcessSort SortBy, string? RedactRegex)
{
    /// <summary>The Go hub's bounds for <c>processes_top_n</c>.</summary>
    public const int MinTopN = 1;
    public const int MaxTopN = 50;

    /// <summary>Until a hub says otherwise (and with a hub that says nothing of processes): none.</summary>
    public static ProcessesPolicy Off { get; } = new(false, 10, ProcessSort.Cpu, null);

    /// <summary>
    /// From the hub's answer, made safe to follow: off is <see cref="Off"/> whatever else it says;
    /// no count (the JSON reader gives 0 for a missing field) is the Go hub's 10, and one outside
    /// 1–50 is brought inside; any order but memory (<c>rss</c>, the Go hub's word, or <c>mem</c>)
    /// is CPU; an empty pattern is none.
    /// </summary>
    public static ProcessesPolicy From(AgentPolicy policy) => !policy.ProcessesEnabled ? Off : new(
        true,
        policy.ProcessesTopN == 0 ? Off.TopN : Math.Clamp(policy.ProcessesTopN, MinTopN, MaxTopN),
        policy.ProcessesSortBy?.Trim().ToLowerInvariant() is "rss" or "mem" ? ProcessSort.Mem : ProcessSort.Cpu,
        string.IsNullOrEmpty(policy.ProcessesRedactRegex) ? null : policy.ProcessesRedactRegex);
}
