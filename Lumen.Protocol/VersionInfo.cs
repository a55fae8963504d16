namespace Lumen.Protocol;

/// <summary>
/// <c>GET /api/version</c>: the hub's version and the agent version its installer hands
/// out, so the dashboard can point at agents that lag behind.
/// </summary>
public sealed record VersionInfo(string HubVersion, string LatestAgentVersion);
