using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="ProcessSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct ProcessFields : IJsonFields<ProcessSample>
{
    private enum Field { Pid, Name, User, CpuPct, RssMb, Cmd }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static ProcessSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, ProcessSample process, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Pid: process.Pid = JsonValues.Int32(ref reader, path); break;
            case Field.Name: process.Name = JsonValues.String(ref reader, path)!; break;
            case Field.User: process.User = JsonValues.String(ref reader, path)!; break;
            case Field.CpuPct: process.CpuPct = JsonValues.Double(ref reader, path); break;
            case Field.RssMb: process.RssMb = JsonValues.Double(ref reader, path); break;
            case Field.Cmd: process.Cmd = JsonValues.String(ref reader, path)!; break;
        }
    }

    public static void SetUnknownFields(ProcessSample process, Dictionary<string, JsonElement> fields) =>
        process.UnknownFields = fields;
}
