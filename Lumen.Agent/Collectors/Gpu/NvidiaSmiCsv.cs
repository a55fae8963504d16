using System.Globalization;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// Parser for what <c>nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu
/// --format=csv,noheader,nounits</c> prints: one line per GPU, e.g. <c>0, NVIDIA GeForce RTX 3060, 23, 1785, 12288, 48</c>
/// (memory in MiB). A reading the card cannot give (<c>[N/A]</c>, <c>[Not Supported]</c>) is 0 for that
/// field only; any other line (warnings nvidia-smi prints to stdout too) is skipped.
/// </summary>
public static class NvidiaSmiCsv
{
    /// <summary>The columns the query asks for: index, name, then four numbers.</summary>
    private const int Columns = 6;

    public static List<GpuSample> Parse(string output)
    {
        var gpus = new List<GpuSample>();
        foreach (var line in output.Split('\n'))
            if (ParseLine(line) is { } gpu) gpus.Add(gpu);
        return gpus;
    }

    private static GpuSample? ParseLine(string line)
    {
        var fields = line.Split(',');
        if (fields.Length < Columns) return null;
        if (!int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return null;
        // The numbers are the last four columns, so a name with a comma in it still parses.
        var numbers = fields.AsSpan(fields.Length - 4);
        if (!TryReading(numbers[0], out var util) || !TryReading(numbers[1], out var memUsed)
            || !TryReading(numbers[2], out var memTotal) || !TryReading(numbers[3], out var temp)) return null;
        return new GpuSample
        {
            Index = index,
            Name = TextCap.Cap(string.Join(',', fields[1..^4]), IngestLimits.MaxGpuNameLength),
            UtilPct = Percent.Clamp(util),
            MemUsedMb = Math.Max(memUsed, 0),
            MemTotalMb = Math.Max(memTotal, 0),
            // Outside what the hub accepts is a sensor glitch; the hub would refuse the whole frame.
            TempC = temp is >= IngestLimits.MinTempC and <= IngestLimits.MaxTempC ? temp : 0,
        };
    }

    /// <summary>A number, or 0 for a reading nvidia-smi marks as unavailable; false for anything else.</summary>
    private static bool TryReading(string field, out double value)
    {
        var text = field.Trim();
        value = 0;
        if (IsUnavailable(text)) return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>"N/A" in old drivers; "[N/A]", "[Not Supported]", "[Unknown Error]", "[GPU is lost]" in newer ones.</summary>
    private static bool IsUnavailable(string text) =>
        text == "N/A" || (text.Length > 2 && text[0] == '[' && text[^1] == ']');
}
