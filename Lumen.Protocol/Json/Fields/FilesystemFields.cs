using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="FilesystemSample"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct FilesystemFields : IJsonFields<FilesystemSample>
{
    private enum Field { Mount, Device, FsType, UsedBytes, TotalBytes, UsedPct }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static FilesystemSample Create() => new();

    public static void Read(ref Utf8JsonReader reader, FilesystemSample filesystem, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Mount: filesystem.Mount = JsonValues.String(ref reader, path)!; break;
            case Field.Device: filesystem.Device = JsonValues.String(ref reader, path)!; break;
            case Field.FsType: filesystem.FsType = JsonValues.String(ref reader, path)!; break;
            case Field.UsedBytes: filesystem.UsedBytes = JsonValues.Int64(ref reader, path); break;
            case Field.TotalBytes: filesystem.TotalBytes = JsonValues.Int64(ref reader, path); break;
            case Field.UsedPct: filesystem.UsedPct = JsonValues.Double(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(FilesystemSample filesystem, Dictionary<string, JsonElement> fields) =>
        filesystem.UnknownFields = fields;
}
