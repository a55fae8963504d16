using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="GpuSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct GpuFields : IJsonFields<GpuSample>
{
    private enum Field { Index, Name, UtilPct, MemUsedMb, MemTotalMb, TempC }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static GpuSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, GpuSample gpu, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Index: gpu.Index = JsonValues.Int32(ref reader, path); break;
            case Field.Name: gpu.Name = JsonValues.String(ref reader, path)!; break;
            case Field.UtilPct: gpu.UtilPct = JsonValues.Double(ref reader, path); break;
            case Field.MemUsedMb: gpu.MemUsedMb = JsonValues.Double(ref reader, path); break;
            case Field.MemTotalMb: gpu.MemTotalMb = JsonValues.Double(ref reader, path); break;
            case Field.TempC: gpu.TempC = JsonValues.Double(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(GpuSample gpu, Dictionary<string, JsonElement> fields) =>
        gpu.UnknownFields = fields;
}
