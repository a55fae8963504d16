using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="DiskSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct DiskFields : IJsonFields<DiskSample>
{
    private enum Field { Name, ReadBps, WriteBps }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static DiskSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, DiskSample disk, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Name: disk.Name = JsonValues.String(ref reader, path)!; break;
            case Field.ReadBps: disk.ReadBps = JsonValues.Double(ref reader, path); break;
            case Field.WriteBps: disk.WriteBps = JsonValues.Double(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(DiskSample disk, Dictionary<string, JsonElement> fields) =>
        disk.UnknownFields = fields;
}
