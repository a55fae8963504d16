using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="NicSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct NicFields : IJsonFields<NicSample>
{
    private enum Field { Name, RxBps, TxBps }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static NicSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, NicSample nic, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Name: nic.Name = JsonValues.String(ref reader, path)!; break;
            case Field.RxBps: nic.RxBps = JsonValues.Double(ref reader, path); break;
            case Field.TxBps: nic.TxBps = JsonValues.Double(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(NicSample nic, Dictionary<string, JsonElement> fields) =>
        nic.UnknownFields = fields;
}
