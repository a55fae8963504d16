using System.Text.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Json;

/// <summary>
/// How the top level of an <see cref="IngestFrame"/> is read: <c>host</c> and <c>ts</c>, the
/// scalar metrics of the catalogue, then the lists, which is the order an agent writes them in
/// (so the name search of <see cref="FieldNames.Find"/> hits at its first comparison).
/// </summary>
internal readonly struct FrameFields : IJsonFields<IngestFrame>
{
    private enum Field
    {
        Host, Ts, CpuPerCore, Containers, System, Gpus, Processes, Disks, Nics, Filesystems,
    }

    private const int FirstScalar = (int)Field.Ts + 1;
    private static readonly int AfterScalars = FirstScalar + ScalarMetrics.Count;

    public static FieldNames Names { get; } = FieldNames.Of<Field>(FirstScalar, ScalarMetrics.All.Select(metric => metric.Name));

    public static IngestFrame Create() => new();

    public static void Read(ref Utf8JsonReader reader, IngestFrame frame, int field, in FramePath path)
    {
        if (field >= FirstScalar && field < AfterScalars)
        {
            frame[ScalarMetrics.All[field - FirstScalar]] = JsonValues.Double(ref reader, path);
            return;
        }
        switch ((Field)(field < FirstScalar ? field : field - ScalarMetrics.Count))
        {
            case Field.Host: frame.Host = JsonValues.String(ref reader, path); break;
            case Field.Ts: frame.Ts = JsonValues.Timestamp(ref reader, path); break;
            case Field.CpuPerCore: frame.CpuPerCore = JsonValues.DoubleArray(ref reader, path); break;
            case Field.Containers: frame.Containers = JsonValues.ObjectArray<ContainerFields, ContainerSample>(ref reader, path); break;
            case Field.System: frame.System = JsonObjectReader.ReadNullable<SystemInfoFields, SystemInfo>(ref reader, path); break;
            case Field.Gpus: frame.Gpus = JsonValues.ObjectArray<GpuFields, GpuSample>(ref reader, path); break;
            case Field.Processes: frame.Processes = JsonValues.ObjectArray<ProcessFields, ProcessSample>(ref reader, path); break;
            case Field.Disks: frame.Disks = JsonValues.ObjectArray<DiskFields, DiskSample>(ref reader, path); break;
            case Field.Nics: frame.Nics = JsonValues.ObjectArray<NicFields, NicSample>(ref reader, path); break;
            case Field.Filesystems: frame.Filesystems = JsonValues.ObjectArray<FilesystemFields, FilesystemSample>(ref reader, path); break;
        }
    }

    public static void SetUnknownFields(IngestFrame frame, Dictionary<string, JsonElement> fields) =>
        frame.UnknownFields = fields;
}
