using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Hosts;

/// <summary>A host as the browser API shows it.</summary>
public sealed record HostView(
    long Id,
    string Name,
    DateTime CreatedAt,
    DateTime? LastSeenAt,
    IReadOnlyDictionary<string, string> Tags,
    SystemInfo? System,
    bool Online);

/// <summary>Answer of adding a host or rotating its token: the token is in no other answer, ever.</summary>
public sealed record HostWithToken(HostView Host, string Token);

/// <summary>Body of <c>POST /api/hosts</c>.</summary>
public sealed class NewHostRequest
{
    public string? Name { get; set; }
}

/// <summary>Body of <c>PUT /api/hosts/{id}/tags</c>: the complete new set.</summary>
public sealed class TagsRequest
{
    public Dictionary<string, string?>? Tags { get; set; }
}
