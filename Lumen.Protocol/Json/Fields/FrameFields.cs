using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>How the top level of an <see cref="IngestFrame"/> is read: one enum member per property, in wire order.</summary>
internal readonly struct FrameFields : IJsonFields<IngestFrame>
{
    private enum Field
    {
        Host, Ts, CpuPct, CpuPerCore, RamPct, SwapPct, DiskPct, Load1, Load5, Load15,
        NetRxBps, NetTxBps, DiskRBps, DiskWBps, TempC, Containers, System, Gpus, Processes,
    }

    public static FieldNames Names { get; } = FieldNames.Of<Field>();

    public static IngestFrame Create() => new();

    public static void Read(ref Utf8JsonReader reader, IngestFrame frame, int field, in FramePath path)
    {
        switch ((Field)field)
        {
            case Field.Host: frame.Host = JsonValues.String(ref reader, path); break;
            case Field.Ts: frame.Ts = JsonValues.Timestamp(ref reader, path); break;
            case Field.CpuPct: frame.CpuPct = JsonValues.Double(ref reader, path); break;
            case Field.CpuPerCore: frame.CpuPerCore = JsonValues.DoubleArray(ref reader, path); break;
            case Field.RamPct: frame.RamPct = JsonValues.Double(ref reader, path); break;
            case Field.SwapPct: frame.SwapPct = JsonValues.Double(ref reader, path); break;
            case Field.DiskPct: frame.DiskPct = JsonValues.Double(ref reader, path); break;
            case Field.Load1: frame.Load1 = JsonValues.Double(ref reader, path); break;
            case Field.Load5: frame.Load5 = JsonValues.Double(ref reader, path); break;
            case Field.Load15: frame.Load15 = JsonValues.Double(ref reader, path); break;
            case Field.NetRxBps: frame.NetRxBps = JsonValues.Double(ref reader, path); break;
            case Field.NetTxBps: frame.NetTxBps = JsonValues.Double(ref reader, path); break;
            case Field.DiskRBps: frame.DiskRBps = JsonValues.Double(ref reader, path); break;
            case Field.DiskWBps: frame.DiskWBps = JsonValues.Double(ref reader, path); break;
            case Field.TempC: frame.TempC = JsonValues.Double(ref reader, path); break;
            case Field.Containers: frame.Containers = JsonValues.ObjectArray<ContainerFields, ContainerSample>(ref reader, path); break;
            case Field.System: frame.System = JsonObjectReader.ReadNullable<SystemInfoFields, SystemInfo>(ref reader, path); break;
            case Field.Gpus: frame.Gpus = JsonValues.ObjectArray<GpuFields, GpuSample>(ref reader, path); break;
            case Field.Processes: frame.Processes = JsonValues.ObjectArray<ProcessFields, ProcessSample>(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(IngestFrame frame, Dictionary<string, JsonElement> fields) =>
        frame.UnknownFields = fields;
}
