using System.Reflection;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Metadata;

/// <summary>The agent's version as sent in <c>system.agent_version</c>.</summary>
public static class AgentVersion
{
    private const int ShortCommitLength = 7;

    public static string Current { get; } =
        Format(typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>
    /// "0.1.0+&lt;40-hex commit&gt;" → "0.1.0+8e6f502": the SDK appends the full commit id,
    /// and the hub caps agent_version at 32 characters.
    /// </summary>
    public static string Format(string? informational)
    {
        var version = informational ?? "";
        var plus = version.IndexOf('+');
        if (plus >= 0 && version.Length - plus - 1 > ShortCommitLength) version = version[..(plus + 1 + ShortCommitLength)];
        return TextCap.Cap(version, IngestLimits.MaxShortSystemStringLength);
    }
}
