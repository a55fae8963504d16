using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="ContainerSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct ContainerFields : IJsonFields<ContainerSample>
{
    private enum Field { Id, Name, Image, State, CpuPct, MemUsedBytes, MemLimitBytes, MemPct }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static ContainerSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, ContainerSample sample, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Id: sample.Id = JsonValues.String(ref reader, path)!; break;
            case Field.Name: sample.Name = JsonValues.String(ref reader, path)!; break;
            case Field.Image: sample.Image = JsonValues.String(ref reader, path)!; break;
            case Field.State: sample.State = JsonValues.String(ref reader, path)!; break;
            case Field.CpuPct: sample.CpuPct = JsonValues.Double(ref reader, path); break;
            case Field.MemUsedBytes: sample.MemUsedBytes = JsonValues.Int64(ref reader, path); break;
            case Field.MemLimitBytes: sample.MemLimitBytes = JsonValues.Int64(ref reader, path); break;
            case Field.MemPct: sample.MemPct = JsonValues.Double(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(ContainerSample sample, Dictionary<string, JsonElement> fields) =>
        sample.UnknownFields = fields;
}
