using Lumen.Agent.Collectors.Processes;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Sending;

/// <summary>Commands to the sender.</summary>
public static class SenderCommands
{
    /// <summary>This tick's frame: deliver it, now or later, but never lose it silently.</summary>
    public sealed record Send(IngestFrame Frame);
}

/// <summary>What the sender tells others.</summary>
public static class SenderEvents
{
    /// <summary>The hub's policy asks for another collection interval (on the event stream); the collector applies it.</summary>
    public sealed record IntervalChanged(TimeSpan Interval);

    /// <summary>The hub's policy asks for another process list (on the event stream); the collector's process source follows it.</summary>
    public sealed record ProcessesPolicyChanged(ProcessesPolicy Policy);
}

/// <summary>Questions the sender answers.</summary>
public static class SenderQueries
{
    /// <summary>Answered with <see cref="SenderStatus"/>.</summary>
    public sealed record GetSenderStatus
    {
        public static readonly GetSenderStatus Instance = new();
    }

    /// <summary>Answered with <see cref="CollectionInterval"/>: asked by a collector as it starts.</summary>
    public sealed record GetCollectionInterval
    {
        public static readonly GetCollectionInterval Instance = new();
    }

    /// <summary>Answered with <see cref="SenderEvents.ProcessesPolicyChanged"/> carrying the policy in force: asked by a collector as it starts.</summary>
    public sealed record GetProcessesPolicy
    {
        public static readonly GetProcessesPolicy Instance = new();
    }
}

/// <summary>The interval in force: the configured one, or the one the hub's policy asked for since.</summary>
public sealed record CollectionInterval(TimeSpan Interval);

/// <summary>
/// The sender's view: can it reach the hub, is its token refused, how many sent frames wait
/// for the hub's watermark, may the buffer hold frames, and how many frames the hub refused
/// as invalid and were dropped.
/// </summary>
public sealed record SenderStatus(bool HubReachable, bool Unauthorized, int AwaitingDurability, bool BufferMayHoldFrames, long FramesRejected);
