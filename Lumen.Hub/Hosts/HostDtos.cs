using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Hosts;

/// <summary>
/// A host as the browser API shows it; <paramref name="SilencedUntil"/> only while that lies in the
/// future; <paramref name="MetadataUpdatedAt"/> when <paramref name="System"/> last came (null
/// before it ever did); <paramref name="PublicVisible"/> the Go hub's status-page flag.
/// </summary>
public sealed record HostView(
    long Id,
    string Name,
    DateTime CreatedAt,
    DateTime? LastSeenAt,
    IReadOnlyDictionary<string, string> Tags,
    SystemInfo? System,
    bool Online,
    DateTime? SilencedUntil,
    DateTime? MetadataUpdatedAt,
    bool PublicVisible);

/// <summary>Answer of adding a host or rotating its token: the token is in no other answer, ever.</summary>
public sealed record HostWithToken(HostView Host, string Token);

/// <summary>Body of <c>POST /api/hosts</c>.</summary>
public sealed class NewHostRequest
{
    public string? Name { get; set; }
}


/// <summary>
/// Body of <c>POST /api/hosts/{id}/silence</c>: the Go hub's <c>seconds</c> from now (0 ends the
/// silence), or <c>until</c> an RFC 3339 time; exactly one of them.
/// </summary>
public sealed class SilenceRequest
{
    public long? Seconds { get; set; }
    public string? Until { get; set; }
}

/// <summary>Answer of <c>POST /api/hosts/{id}/silence</c>: when the silence ends, null when there is none.</summary>
public sealed record SilenceView(DateTime? SilencedUntil);
