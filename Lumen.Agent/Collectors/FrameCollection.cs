using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors;

/// <summary>The outcome of one tick: the frame, the sources that failed, and notices to log once.</summary>
public sealed record FrameCollection(IngestFrame Frame, IReadOnlyList<SourceFailure> Failures, IReadOnlyList<string> Notices);

/// <summary>A source that threw during a tick; its fields in that frame are 0/empty.</summary>
public sealed record SourceFailure(string Source, Exception Error);
