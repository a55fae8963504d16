using System.Runtime.InteropServices;

namespace Lumen.Agent.Collectors.Metadata;

/// <summary>The CPU architecture in Go's names (amd64, arm64), which existing Lumen agents send and the dashboard shows.</summary>
public static class MachineArchitecture
{
    public static string Current => GoName(RuntimeInformation.OSArchitecture);

    public static string GoName(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm or Architecture.Armv6 => "arm",
        Architecture.X86 => "386",
        Architecture.LoongArch64 => "loong64",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
