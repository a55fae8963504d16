namespace Lumen.Hub.Specs.Install;

/// <summary>
/// Small files that pass for the agent of each architecture: an ELF header whose e_machine
/// says x86-64 or AArch64, then a line naming which one it is, so a spec can tell them apart.
/// </summary>
public static class FakeAgentBinaries
{
    public const string Amd64 = "lumen-agent-linux-amd64";
    public const string Arm64 = "lumen-agent-linux-arm64";

    public static byte[] For(string name)
    {
        var machine = name == Arm64 ? (byte)0xb7 : (byte)0x3e;
        var header = new byte[64];
        header[0] = 0x7f;
        "ELF"u8.CopyTo(header.AsSpan(1));
        header[4] = 2; // 64-bit
        header[5] = 1; // little-endian
        header[6] = 1; // ELF version
        header[16] = 2; // executable
        header[18] = machine;
        return [.. header, .. System.Text.Encoding.ASCII.GetBytes($"fake {name}\n")];
    }

    /// <summary>Both binaries written into <paramref name="folder"/>.</summary>
    public static void WriteInto(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { Amd64, Arm64 }) File.WriteAllBytes(Path.Combine(folder, name), For(name));
    }
}
