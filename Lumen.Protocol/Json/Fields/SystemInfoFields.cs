using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How a <see cref="SystemInfo"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct SystemInfoFields : IJsonFields<SystemInfo>
{
    private enum Field { Os, Hostname, PrimaryIp, Kernel, Arch, CpuModel, UptimeSeconds, AgentVersion, VirtType }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static SystemInfo Create() => new();

    public static void Read(ref Utf8JsonReader reader, SystemInfo system, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Os: system.Os = JsonValues.String(ref reader, path)!; break;
            case Field.Hostname: system.Hostname = JsonValues.String(ref reader, path)!; break;
            case Field.PrimaryIp: system.PrimaryIp = JsonValues.String(ref reader, path)!; break;
            case Field.Kernel: system.Kernel = JsonValues.String(ref reader, path)!; break;
            case Field.Arch: system.Arch = JsonValues.String(ref reader, path)!; break;
            case Field.CpuModel: system.CpuModel = JsonValues.String(ref reader, path)!; break;
            case Field.UptimeSeconds: system.UptimeSeconds = JsonValues.Int64(ref reader, path); break;
            case Field.AgentVersion: system.AgentVersion = JsonValues.String(ref reader, path)!; break;
            case Field.VirtType: system.VirtType = JsonValues.String(ref reader, path)!; break;
        }
    }

    public static void SetUnknownFields(SystemInfo system, Dictionary<string, JsonElement> fields) =>
        system.UnknownFields = fields;
}
