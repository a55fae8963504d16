namespace Lumen.Agent.Collectors.Metadata;

/// <summary>Parser for the CPU's name in /proc/cpuinfo.</summary>
public static class ProcCpuinfo
{
    /// <summary>
    /// x86 prints "model name". On arm it is generic at best ("ARMv7 Processor rev 4 (v7l)")
    /// and missing on arm64, while the Raspberry Pi kernel names the board ("Model") and SoC
    /// ("Hardware"), which is what tells such machines apart, so the board comes first. x86
    /// has no "Model" key (its "model" is a number). MIPS says "cpu model", PowerPC "cpu".
    /// </summary>
    private static readonly string[] Keys = ["Model", "model name", "Hardware", "cpu model", "cpu"];

    public static string? ReadModel(string procRoot) =>
        KernelFile.ReadOrNull(KernelFile.Under(procRoot, "cpuinfo")) is { } text ? ParseModel(text) : null;

    public static string ParseModel(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var value = line[(colon + 1)..].Trim();
            // The first occurrence wins: every core repeats the same name.
            if (value.Length > 0) values.TryAdd(line[..colon].Trim(), value);
        }
        return Keys.Select(values.GetValueOrDefault).FirstOrDefault(v => v is not null) ?? "";
    }
}
