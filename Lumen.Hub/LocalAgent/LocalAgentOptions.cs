namespace Lumen.Hub.LocalAgent;

/// <summary>Where the built-in agent finds its hub (<see cref="ListenUrl"/>, reached over loopback) and keeps its buffer.</summary>
public sealed record LocalAgentOptions(string ListenUrl, string DataFolder);
