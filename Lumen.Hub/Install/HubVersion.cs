using System.Reflection;

namespace Lumen.Hub.Install;

/// <summary>The hub's release version, e.g. <c>0.1.0</c>: its informational version without the <c>+commit</c> the SDK appends.</summary>
public static class HubVersion
{
    public static string Current { get; } =
        Format(typeof(HubVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static string Format(string? informational)
    {
        var version = informational ?? "";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
