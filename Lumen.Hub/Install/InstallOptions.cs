namespace Lumen.Hub.Install;

/// <summary>
/// What the agent installer needs: the folder holding the agent binaries it downloads, and
/// the address it writes into agent.yaml (null: the address each request came in on).
/// </summary>
public sealed record InstallOptions(string AgentFolder, string? PublicUrl);
